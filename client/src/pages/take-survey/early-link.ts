// The link's definition, asked for by the entry as soon as it runs on a survey address, so it is
// read (from the HTML's preload) while the survey page's chunk still loads, and the page's first
// render already has it. Tiny on purpose: it is part of the entry, which every page loads.
import { fetchLink, LinkView } from '../../api/respondent';

let early: { token: string; view: Promise<LinkView> } | undefined;

/** Starts reading the link's definition now; the page takes the same answer later (takeLink). */
export function startLink(token: string): Promise<LinkView> {
  const view = fetchLink(token);
  // A failure is the page's to show (takeLink hands it over); it is not an unhandled rejection here.
  view.catch(() => undefined);
  early = { token, view };
  return view;
}

/** The answer startLink asked for, once; any later call (a retry) asks the server again. */
export function takeLink(token: string): Promise<LinkView> {
  if (early?.token === token) {
    const { view } = early;
    early = undefined;
    return view;
  }
  return fetchLink(token);
}
