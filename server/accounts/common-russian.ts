// Passwords Russian speakers choose often, which the common list of @zxcvbn-ts (English and
// international) does not hold: words and names in Cyrillic, their transliterations, and both
// typed on the other keyboard layout (пароль typed with the Latin layout on is "gfhjkm"). A password
// whose letters, with digits and signs around them taken off (Марина1985, пароль123!), are one of
// these is refused. Keyboard walks (йцукен) are left to zxcvbn's keyboard patterns, given the
// password typed on the Latin layout (qwerty).

/** Words, in Cyrillic (lower case, ё as е). */
const words = `
пароль парол пасворд привет приветик любовь люблю любимая любимый солнце солнышко котенок котик
кошка киска зайка зайчик рыбка ласточка малыш малышка красотка мама папа сынок доча дочка семья
россия москва питер спартак зенит динамо цска локомотив барсик мурзик шарик бобик тузик дружок
счастье удача ангел ангелочек принцесса королева король бог господи админ администратор пользователь
школа учитель ученик класс директор завуч марта весна лето осень зима наташка танюшка
`;

/** First names, in Cyrillic (lower case, ё as е). */
const names = `
александр алексей анатолий андрей антон аркадий артем артур богдан борис вадим валентин валерий
василий виктор виталий владимир владислав всеволод вячеслав геннадий георгий глеб григорий даниил
денис дмитрий евгений егор иван игорь илья кирилл константин лев леонид максим марк матвей михаил
никита николай олег павел петр роман руслан сергей станислав степан тимофей тимур федор филипп
юрий ярослав саша сашка леша дима миша коля сережа паша женя вова витя ваня костя петя
александра алена алина алиса алла анастасия ангелина анна антонина валентина валерия вера
вероника виктория галина дарья диана евгения екатерина елена елизавета жанна зоя инна ирина
карина кира кристина ксения лариса лидия любовь людмила маргарита марина мария милана надежда
наталья наталия нина оксана олеся ольга полина раиса светлана софья софия таисия тамара татьяна
ульяна юлия яна настя даша катя лена лиза маша наташа оля света соня таня юля аня галя ира люда
`;

const cyrillic = 'абвгдежзийклмнопрстуфхцчшщъыьэюя';
const latin = [
  'a',
  'b',
  'v',
  'g',
  'd',
  'e',
  'zh',
  'z',
  'i',
  'y',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'r',
  's',
  't',
  'u',
  'f',
  'kh',
  'ts',
  'ch',
  'sh',
  'shch',
  '',
  'y',
  '',
  'e',
  'yu',
  'ya',
];
/** A second spelling many people use (h for х, c for ц, j for й, ...). */
const latinToo: Record<string, string> = { х: 'h', ц: 'c', й: 'j', ж: 'j', щ: 'sch', ю: 'iu', я: 'ia', ы: 'i' };

function transliterations(word: string): string[] {
  const spell = (second: boolean) =>
    [...word].map((c) => (second && latinToo[c] !== undefined ? latinToo[c] : (latin[cyrillic.indexOf(c)] ?? c))).join('');
  return [spell(false), spell(true)];
}

// The same keys on the Russian (ЙЦУКЕН) and the Latin (QWERTY) layout.
const russianKeys = 'йцукенгшщзхъфывапролджэячсмитьбюё';
const latinKeys = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const toLatinKey = new Map([...russianKeys].map((c, i) => [c, latinKeys[i]]));
const toRussianKey = new Map([...latinKeys].map((c, i) => [c, russianKeys[i]]));

/** The text typed with the same keys on the Latin layout (Cyrillic letters become QWERTY keys). */
export const onLatinKeys = (text: string) => [...text].map((c) => toLatinKey.get(c) ?? c).join('');
/** The text typed with the same keys on the Russian layout. */
const onRussianKeys = (text: string) => [...text].map((c) => toRussianKey.get(c) ?? c).join('');

let list: Set<string> | undefined;
/** Every word and name, in Cyrillic, transliterated, and typed on the Latin layout. */
function russianList(): Set<string> {
  if (list) return list;
  list = new Set<string>();
  for (const word of `${words} ${names}`.split(/\s+/).filter(Boolean)) {
    list.add(word);
    list.add(onLatinKeys(word));
    for (const spelling of transliterations(word)) list.add(spelling);
  }
  return list;
}

/** The letters of a password with the digits, signs and spaces around them taken off: "Марина1985!" → "марина". */
const core = (lower: string) => lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** True when the password is a common Russian word or first name, perhaps with digits or signs (a year) around it. */
export function commonRussian(password: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase().replace(/ё/g, 'е');
  const forms = [lower, onRussianKeys(lower).replace(/ё/g, 'е')];
  return forms.some((form) => russianList().has(form) || russianList().has(core(form)));
}
