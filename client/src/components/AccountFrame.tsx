// The frame of every page for people with an account: the header (for someone signed in, the
// workspace shell with the sections their role may use), the page's main area and title.
import type { ReactNode } from 'react';
import { useSession } from '../session';
import { Header } from './Header';
import { WorkspaceShell } from './WorkspaceShell';
import './account-frame.css';

export function AccountFrame({ title, children }: { title: string; children: ReactNode }) {
  const { user } = useSession();
  return (
    <>
      {user ? <WorkspaceShell user={user} /> : <Header />}
      <main id="main" className="account-page">
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
