import type { Store } from '../store';
import { School, schoolsCollection } from './data';

export function listSchools(store: Store): Promise<School[]> {
  return store.collection(schoolsCollection).find({}, { sort: { number: 1 } });
}

export function getSchool(store: Store, id: string): Promise<School | null> {
  return store.collection(schoolsCollection).findOne({ _id: id });
}

/** Adds a school to the cluster (the demo seed; an administrator's screen later). Numbers are unique. */
export function addSchool(store: Store, school: Omit<School, '_id'>): Promise<School> {
  return store.collection(schoolsCollection).insertOne(school);
}
