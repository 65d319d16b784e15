// A school as every answer shows it (the schools list, a respondent's link, campaign links, the demo page).
import type { School } from './data';

export const presentSchool = (school: School) => ({
  id: school._id,
  number: school.number,
  name: school.name,
  shortName: school.shortName,
});
