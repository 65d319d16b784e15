// HTML in uploaded instruments: the properties SurveyJS renders as HTML (an html element's "html",
// the survey's "completedHtml", "completedBeforeHtml", "loadingHtml", ...: every property whose name
// ends in "html") are cleaned at upload with sanitize-html and an allow-list, so the stored
// definition keeps only the clean HTML. Kept: text formatting, headings, lists, tables, links (opened
// with rel="noopener noreferrer"), images and a few harmless inline styles. Dropped: scripts, meta,
// forms, iframes, objects, classes, ids, event handlers and any style that positions or sizes (a
// full-page overlay is made of those). Titles and descriptions are shown as text, not HTML.
import sanitizeHtml from 'sanitize-html';

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'div',
    'span',
    'b',
    'strong',
    'i',
    'em',
    'u',
    's',
    'del',
    'ins',
    'sub',
    'sup',
    'small',
    'mark',
    'abbr',
    'code',
    'pre',
    'blockquote',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'table',
    'caption',
    'colgroup',
    'col',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'a',
    'img',
    'figure',
    'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', { name: 'target', multiple: false, values: ['_blank'] }],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    col: ['span'],
    colgroup: ['span'],
    ol: ['start', 'type'],
    abbr: ['title'],
    '*': ['style', 'lang', 'dir'],
  },
  allowedStyles: {
    '*': {
      color: [/^#[0-9a-f]{3,8}$/i, /^rgba?\([\d\s.,%]+\)$/i, /^[a-z]+$/i],
      'background-color': [/^#[0-9a-f]{3,8}$/i, /^rgba?\([\d\s.,%]+\)$/i, /^[a-z]+$/i],
      'text-align': [/^(left|right|center|justify|start|end)$/],
      'font-weight': [/^(normal|bold|bolder|lighter|[1-9]00)$/],
      'font-style': [/^(normal|italic|oblique)$/],
      'text-decoration': [/^(none|underline|line-through|overline)$/],
      'vertical-align': [/^(top|middle|bottom|baseline)$/],
    },
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  // Every link opens without handing the survey's window to the page it opens.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
  disallowedTagsMode: 'discard',
};

/** One piece of HTML, cleaned to the allow-list. */
function cleanHtml(html: string): string {
  return sanitizeHtml(html, options);
}

/** A property SurveyJS renders as HTML: "html" and every "...Html". */
const isHtmlProperty = (key: string) => /html$/i.test(key);

/** Deeper than this the upload check refuses the definition anyway (definitionLimits.jsonDepth). */
const deepest = 64;

/** A copy of the survey JSON with every HTML property (plain or localised text) cleaned; everything else unchanged. */
export function cleanSurveyHtml(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object' || depth > deepest) return value;
  if (Array.isArray(value)) return value.map((item) => cleanSurveyHtml(item, depth + 1));
  // Object.fromEntries keeps every key as it came (also a "__proto__" key the checks will refuse).
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      if (!isHtmlProperty(key)) return [key, cleanSurveyHtml(child, depth + 1)];
      if (typeof child === 'string') return [key, cleanHtml(child)];
      if (child && typeof child === 'object' && !Array.isArray(child))
        return [
          key,
          Object.fromEntries(Object.entries(child).map(([locale, text]) => [locale, typeof text === 'string' ? cleanHtml(text) : text])),
        ];
      return [key, child];
    }),
  );
}
