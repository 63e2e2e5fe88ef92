/**
 * The names real senders give the Chinese charsets. Python's email library writes its codec names
 * (`=?eucgb2312_cn?B?…?=`), Java its own (`EUC_CN`, `x-mswin-936`, `MS950_HKSCS`), .NET its code
 * pages (`x-cp20936`), old Unix mailers X11 and locale names (`GB2312.1980-0`, `zh_CN.euc`); iconv-lite
 * knows only some. Each family is read with the widest decoder of its kind: GB18030 covers GB2312 and
 * GBK, Big5-HKSCS covers Big5 and CP950.
 */
import * as iconv from 'iconv-lite';

export type CharsetFamily = 'gb18030' | 'big5hkscs' | 'hz' | 'iso-2022-cn' | 'utf-8';

const FAMILIES: Record<CharsetFamily, string[]> = {
  gb18030: [
    'gb2312',
    'gb231280',
    'gb23121980',
    'gb231219800',
    'eucgb2312cn',
    'eucgb2312',
    'euccn',
    'cseuccn',
    'gbk',
    'cp936',
    'ms936',
    'windows936',
    'mswin936',
    'ibm936',
    'gb18030',
    'gb180302000',
    'gb180302005',
    'gb180302022',
    'cp54936',
    'windows54936',
    'ibm1386',
    'cp1386',
    'cp20936',
    'windows20936',
    '936',
    '54936',
    '20936',
    'isoir58',
    'chinese',
    'csgb2312',
    'csiso58gb231280',
    'cngb',
    'gb',
    'macchinesesimp',
    'zhcneuc',
    'zhcngb2312',
    'zhcngbk',
    'zhcngb18030',
    'gbkgb18030',
    'cp1381',
    'ibm1381',
    'cp1383',
    'ibm1383',
  ],
  big5hkscs: [
    'big5',
    'big5tw',
    'csbig5',
    'cnbig5',
    'cpbig5',
    'big5hkscs',
    'big5hkscs2001',
    'big5hkscs2004',
    'big5hkscs2008',
    'hkscs',
    'cp950',
    'ms950',
    'windows950',
    'ms950hkscs',
    'ms950hkscsxp',
    'cp951',
    '950',
    'big5eten',
    'chineseeten',
    'cp20002',
    'macchinesetrad',
    'big5solaris',
    'zhtwbig5',
    'twbig5',
    'big5plus',
    'cp1370',
    'ibm1370',
  ],
  hz: ['hz', 'hzgb', 'hzgb2312', 'cp52936', '52936', 'hzgb231280'],
  'iso-2022-cn': ['iso2022cn', 'iso2022cnext', 'csiso2022cn', 'iso2022cngb', 'iso2022cncns', 'cp50227', '50227', 'cp50229'],
  'utf-8': ['utf8', 'unicode11utf8', 'unicode20utf8', 'cp65001', '65001', 'utf8bom'],
};

const BY_NAME = new Map<string, CharsetFamily>(
  (Object.entries(FAMILIES) as Array<[CharsetFamily, string[]]>).flatMap(([family, names]) => names.map((n) => [n, family] as const)),
);

/** `x-x-big5`, `"EUC_CN"`, `GB2312.1980-0`, `windows-936` → `big5`, `euccn`, `gb231219800`, `windows936`. */
function squeeze(label: string): string {
  return label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase()
    .replace(/^(x-)+/, '')
    .replace(/[^a-z0-9]/g, '');
}

/** The Chinese (or UTF-8) charset a label names, by any of its names; null for every other label. */
export function charsetFamily(label: string): CharsetFamily | null {
  return BY_NAME.get(squeeze(label)) ?? null;
}

/**
 * A label iconv-lite (and so mailparser) decodes as it should; an alias it does not know becomes the
 * family's decoder; null when nothing knows the label (the caller detects the text instead).
 * HZ and ISO-2022-CN are returned as they are: the seven-bit decoder reads them.
 */
export function decoderLabel(label: string): string | null {
  const family = charsetFamily(label);
  if (family === 'hz' || family === 'iso-2022-cn') return family;
  if (decoderKnows(label)) return label.trim();
  return family;
}

/**
 * Whether mailparser decodes this label itself. A bare code page number (`936`) is known to iconv-lite
 * but mailparser's name clean-up turns it into `iso-8859-936`, which nothing knows.
 */
export function decoderKnows(label: string): boolean {
  const l = label.trim();
  return !/^\d+$/.test(l) && iconv.encodingExists(l);
}
