// What campaigns need to know of an instrument version: who answers it, whether anonymously, and
// its title. A lookup of the catalogue, used by planning, launching, invitations and tasks alike,
// so none of them has to import another for it.
import { problem, Problem } from '../errors';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import type { LocalizedText, RespondentType } from '../surveys/instrument';

export interface InstrumentFacts {
  respondentType: RespondentType;
  anonymous: boolean;
  title: LocalizedText;
}

/** The instrument version a plan names, which must exist and still pass its checks. */
export async function instrumentFacts(store: Store, instrumentId: string, version: number): Promise<InstrumentFacts> {
  try {
    const { instrument } = await getInstrument(store, instrumentId, version);
    return { respondentType: instrument.respondentType, anonymous: instrument.anonymous, title: instrument.title };
  } catch (err) {
    if (err instanceof Problem && err.code === 'instrument.not_found') {
      const idKnown = await getInstrument(store, instrumentId).then(
        () => true,
        () => false,
      );
      throw problem('campaign.invalid', { field: idKnown ? 'instrumentVersion' : 'instrumentId', values: { reason: err.message } });
    }
    if (err instanceof Problem) throw err;
    throw problem('campaign.instrument_invalid', { field: 'instrumentVersion', values: { version, instrumentId } });
  }
}
