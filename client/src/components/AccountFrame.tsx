// The frame of every page for people with an account: the header, the page's main area and title.
import type { ReactNode } from 'react';
import { Header } from './Header';
import './account-frame.css';

export function AccountFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Header />
      <main id="main" className="account-page">
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
