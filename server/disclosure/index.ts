// Disclosure control: the one module every output of answers goes through (the results page and
// its API, CSV and XLSX of indicators and of responses, the PDF report, response rates, teachers'
// diagnostic aggregates: pooled area scores and their change through suppressUnderCluster). Its
// rules are written in docs/privacy-and-security.md:
//   - the minimum group (config minGroupSize, default 5) for every value of protected answers;
//   - complementary suppression over every partition whose total is shown (partition.ts);
//   - published counts that change only in steps of at least the minimum group (published.ts);
//   - rows only from groups the page shows, all published, free text only from large groups (rows.ts).
export { isProtected, freeTextMinGroup, type WithheldReason } from './rules';
export { suppressPartition, suppressTable, suppressUnderCluster, type Decision, type TableDecisions } from './partition';
export { publishedGroups, publishedRespondents } from './published';
export { rowExclusion, mayExportFreeText } from './rows';
