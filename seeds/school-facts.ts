// What the demo assumes about each school beyond its name: its size (pupils, teachers), which the
// monitoring numbers, response targets and teacher rosters are drawn from. Schools of the
// Nevsky district report 600–1 500 pupils (shared/seeds 001).
export interface SchoolFacts {
  pupils: number;
  /** Teachers with a Mera account (the demo roster), not the school's whole staff. */
  teachers: number;
}

const schoolFacts: Record<string, SchoolFacts> = {
  '344': { pupils: 1420, teachers: 7 },
  '329': { pupils: 1180, teachers: 6 },
  '331': { pupils: 760, teachers: 5 },
  '448': { pupils: 640, teachers: 5 },
  '498': { pupils: 1050, teachers: 6 },
  '512': { pupils: 890, teachers: 5 },
  '572': { pupils: 980, teachers: 6 },
  '625': { pupils: 1310, teachers: 7 },
  '639': { pupils: 710, teachers: 5 },
};

export function factsOf(schoolNumber: string): SchoolFacts {
  return schoolFacts[schoolNumber] ?? { pupils: 900, teachers: 6 };
}
