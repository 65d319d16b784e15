// Any address the client has no page for (the server answers it with HTTP 404).
import { useEffect } from 'react';
import { Header } from '../../components/Header';
import { useTexts } from '../../i18n';

const texts = {
  ru: {
    title: 'Страница не найдена',
    text: 'Такой страницы нет. Проверьте адрес или откройте ссылку на опрос ещё раз.',
    home: 'На главную',
    app: 'Мера',
  },
  en: {
    title: 'Page not found',
    text: 'There is no such page. Check the address or open the survey link again.',
    home: 'To the start page',
    app: 'Mera',
  },
};

export default function NotFoundPage() {
  const [, t] = useTexts(texts);
  useEffect(() => {
    document.title = `${t('title')} — ${t('app')}`;
  });
  return (
    <>
      <Header />
      <main id="main">
        <h1>{t('title')}</h1>
        <p>{t('text')}</p>
        <p>
          <a href="/">{t('home')}</a>
        </p>
      </main>
    </>
  );
}
