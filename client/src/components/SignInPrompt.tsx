// What a page for people with an account says to someone who is not signed in: why, and a link to
// the sign-in page (which returns to `href`'s `next` address afterwards, when it names one).
export function SignInPrompt({ text, link, href }: { text: string; link: string; href: string }) {
  return (
    <p>
      {text} <a href={href}>{link}</a>
    </p>
  );
}
