// What a diagnostic's scores look like, shared by the server and the client (the client imports
// these types only: nothing here may import code or other modules, so survey-core's types stay out
// of the client's type check). One definition, so the profile page and the API cannot drift apart.

/** One part of an area (self-rating or knowledge): its own points and score. */
export interface PartScore {
  earned: number;
  possible: number;
  /** Items of the part with a scored answer. */
  answered: number;
  items: number;
  /** 100 × earned / possible rounded to 0.1; null when the area has no score or the part no possible points. */
  score: number | null;
}

export interface AreaScore {
  /** Combined score, rounded to 0.1; null with too few answers. */
  score: number | null;
  /** Level from the unrounded combined score. */
  level: string | null;
  /** Items with a scored answer (not skipped, not "not scored"). */
  answered: number;
  items: number;
  /** Points earned and possible over the counted items: the cluster pools these. Absent in results scored before edition 2. */
  earned?: number;
  possible?: number;
  /** Present when the area has knowledge items: the self-rating and the knowledge result apart. */
  selfRating?: PartScore;
  knowledge?: PartScore;
}

export interface ResponseScores {
  method: 'percent-of-max';
  areas: Record<string, AreaScore>;
}
