// The results page's filters as they stand in its address, so a view can be shared as a link.
/** The page's filters, as they stand in its address (shareable). */
export interface PageFilters {
  year: string;
  type: string;
  campaign: string;
  school: string;
  role: string;
}
const filterKeys: (keyof PageFilters)[] = ['year', 'type', 'campaign', 'school', 'role'];

export function filtersFromAddress(): PageFilters {
  const params = new URLSearchParams(window.location.search);
  return {
    year: params.get('year') ?? '',
    type: params.get('type') ?? '',
    campaign: params.get('campaign') ?? '',
    school: params.get('school') ?? '',
    role: params.get('role') ?? '',
  };
}

export function writeAddress(filters: PageFilters) {
  const url = new URL(window.location.href);
  for (const key of filterKeys) {
    if (filters[key]) url.searchParams.set(key, filters[key]);
    else url.searchParams.delete(key);
  }
  window.history.replaceState(null, '', url);
}
