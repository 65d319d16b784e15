// The Nevsky-district cluster as the source documents name it (shared/seeds 001 and 002):
// the cluster "Использование результатов оценочных процедур в процессе реализации точных и
// естественнонаучных дисциплин" (002) and the schools of the «Школа качества» road map (001).
export const clusterSchools = [
  {
    number: '344',
    name: { default: 'ГБОУ лицей № 344 Невского района Санкт-Петербурга', en: 'Lyceum No. 344, Nevsky District, St. Petersburg' },
    shortName: { default: 'Лицей № 344', en: 'Lyceum 344' },
  },
  {
    number: '329',
    name: { default: 'ГБОУ лицей № 329 Невского района Санкт-Петербурга', en: 'Lyceum No. 329, Nevsky District, St. Petersburg' },
    shortName: { default: 'Лицей № 329', en: 'Lyceum 329' },
  },
  {
    number: '331',
    name: { default: 'ГБОУ СОШ № 331 Невского района Санкт-Петербурга', en: 'School No. 331, Nevsky District, St. Petersburg' },
    shortName: { default: 'Школа № 331', en: 'School 331' },
  },
  {
    number: '448',
    name: { default: 'ГБОУ № 448 Невского района Санкт-Петербурга', en: 'School No. 448, Nevsky District, St. Petersburg' },
    shortName: { default: 'Школа № 448', en: 'School 448' },
  },
  {
    number: '498',
    name: { default: 'ГБОУ гимназия № 498 Невского района Санкт-Петербурга', en: 'Gymnasium No. 498, Nevsky District, St. Petersburg' },
    shortName: { default: 'Гимназия № 498', en: 'Gymnasium 498' },
  },
  {
    number: '512',
    name: { default: 'ГБОУ СОШ № 512 Невского района Санкт-Петербурга', en: 'School No. 512, Nevsky District, St. Petersburg' },
    shortName: { default: 'Школа № 512', en: 'School 512' },
  },
  {
    number: '572',
    name: { default: 'ГБОУ СОШ № 572 Невского района Санкт-Петербурга', en: 'School No. 572, Nevsky District, St. Petersburg' },
    shortName: { default: 'Школа № 572', en: 'School 572' },
  },
  {
    number: '625',
    name: {
      default: 'ГБОУ СОШ № 625 с углублённым изучением математики Невского района',
      en: 'School No. 625 with advanced mathematics, Nevsky District',
    },
    shortName: { default: 'Школа № 625', en: 'School 625' },
  },
  {
    number: '639',
    name: { default: 'ГБОУ № 639 Невского района Санкт-Петербурга', en: 'School No. 639, Nevsky District, St. Petersburg' },
    shortName: { default: 'Школа № 639', en: 'School 639' },
  },
];
