// What the demo assumes about each school beyond its name: its size (pupils, teachers), which the
// monitoring numbers, response targets and teacher rosters are drawn from. Schools of the
// Nevsky district report 600–1 500 pupils (shared/seeds 001).
export interface SchoolFacts {
  pupils: number;
  /**
   * Teachers with a Mera account (the demo roster), not the school's whole staff: enough that each
   * school's diagnostics reach the minimum group of 5 (disclosure control), with a few not yet taken.
   */
  teachers: number;
}

const schoolFacts: Record<string, SchoolFacts> = {
  '344': { pupils: 1420, teachers: 14 },
  '329': { pupils: 1180, teachers: 12 },
  '331': { pupils: 760, teachers: 10 },
  '448': { pupils: 640, teachers: 10 },
  '498': { pupils: 1050, teachers: 12 },
  '512': { pupils: 890, teachers: 10 },
  '572': { pupils: 980, teachers: 12 },
  '625': { pupils: 1310, teachers: 14 },
  '639': { pupils: 710, teachers: 10 },
};

export function factsOf(schoolNumber: string): SchoolFacts {
  return schoolFacts[schoolNumber] ?? { pupils: 900, teachers: 12 };
}
