/**
 * The closed list of kinds of exposed data, and the one place that says how each is named:
 * its label for people, the words a user may type for it (`data:ssn`, "steps medical"), and the
 * phrases that reveal it in an official description.
 */
export const DATA_TYPES = [
  'name',
  'address',
  'date-of-birth',
  'ssn',
  'taxpayer-id',
  'drivers-license',
  'passport',
  'government-id',
  'medical-record-number',
  'diagnosis',
  'prescription',
  'treatment',
  'lab-results',
  'health-insurance',
  'billing-claims',
  'payment-card',
  'bank-account',
  'login-credentials',
  'username',
  'email',
  'phone',
  'ip-address',
  'biometric',
  'child-data',
  'demographics',
  'employment',
] as const;
export type DataType = (typeof DATA_TYPES)[number];

interface DataTypeInfo {
  label: string;
  /** Words or short phrases a person types for this kind of data (already normalised: lowercase, ascii). */
  keywords: readonly string[];
  /** Regular expressions that reveal this kind of data in an official description. */
  patterns: readonly RegExp[];
}

export const DATA_TYPE_INFO: Record<DataType, DataTypeInfo> = {
  name: { label: 'Names', keywords: ['name', 'names'], patterns: [/\b(?:patient |full |first and last )?names?\b/] },
  address: {
    label: 'Addresses',
    keywords: ['address', 'addresses', 'home address'],
    patterns: [/\b(?:mailing |home |physical |postal )?address(?:es)?\b(?! book)/],
  },
  'date-of-birth': {
    label: 'Dates of birth',
    keywords: ['dob', 'birthday', 'birth date', 'date of birth', 'birthdate'],
    patterns: [/\bdates? of birth\b/, /\bbirth ?dates?\b/, /\bdob\b/],
  },
  ssn: {
    label: 'Social Security numbers',
    keywords: ['ssn', 'ssns', 'social security', 'social security number', 'social'],
    patterns: [/\bsocial security\b/, /\bssns?\b/],
  },
  'taxpayer-id': {
    label: 'Taxpayer IDs',
    keywords: ['tin', 'itin', 'taxpayer id', 'tax id', 'ein', 'tax'],
    patterns: [/\btax(?:payer)? (?:identification )?(?:id|ids|numbers?)\b/, /\bitins?\b/],
  },
  'drivers-license': {
    label: "Driver's licences",
    keywords: ['drivers license', 'driver license', 'drivers licence', 'license', 'licence', 'dl'],
    patterns: [/\bdriver'?s'? licen[cs]es?\b/, /\bstate id(?:entification)?\b/],
  },
  passport: { label: 'Passports', keywords: ['passport', 'passports'], patterns: [/\bpassports?\b/] },
  'government-id': {
    label: 'Government IDs',
    keywords: ['government id', 'id card', 'national id'],
    patterns: [/\bgovernment[- ]issued (?:id|identification)\b/, /\bmilitary id\b/],
  },
  'medical-record-number': {
    label: 'Medical record numbers',
    keywords: ['mrn', 'medical record number', 'medical records', 'medical record', 'medical', 'health records'],
    patterns: [/\bmedical record (?:numbers?|nos?)\b/, /\bmrns?\b/, /\bpatient (?:id|identification) numbers?\b/],
  },
  diagnosis: {
    label: 'Diagnoses and conditions',
    keywords: ['diagnosis', 'diagnoses', 'condition', 'conditions', 'health information', 'phi'],
    patterns: [/\bdiagnos(?:is|es|tic)\b/, /\b(?:medical|health) conditions?\b/, /\bclinical information\b/],
  },
  prescription: {
    label: 'Prescriptions',
    keywords: ['prescription', 'prescriptions', 'medication', 'medications', 'rx'],
    patterns: [/\bprescriptions?\b/, /\bmedications?\b/],
  },
  treatment: {
    label: 'Treatment information',
    keywords: ['treatment', 'treatments', 'procedure', 'procedures'],
    patterns: [/\btreatment\b/, /\bprocedures?\b/, /\bdates? of service\b/],
  },
  'lab-results': {
    label: 'Lab results',
    keywords: ['lab results', 'lab', 'test results'],
    patterns: [/\b(?:lab|laboratory|test) results?\b/],
  },
  'health-insurance': {
    label: 'Health insurance, Medicare or Medicaid numbers',
    keywords: ['insurance', 'health insurance', 'medicare', 'medicaid', 'member id', 'beneficiary'],
    patterns: [
      /\b(?:health )?insurance\b/,
      /\bmedicare\b/,
      /\bmedicaid\b/,
      /\bmember (?:id|numbers?)\b/,
      /\bbeneficiary\b/,
    ],
  },
  'billing-claims': {
    label: 'Billing and claims data',
    keywords: ['billing', 'claims', 'claim', 'invoice'],
    patterns: [/\bbilling\b/, /\bclaims?\b/],
  },
  'payment-card': {
    label: 'Payment cards',
    keywords: ['credit card', 'debit card', 'payment card', 'card', 'cards', 'credit cards'],
    patterns: [/\b(?:credit|debit|payment) cards?\b/, /\bcard numbers?\b/],
  },
  'bank-account': {
    label: 'Bank accounts',
    keywords: ['bank', 'bank account', 'account number', 'routing', 'financial'],
    patterns: [
      /\bbank(?:ing)? (?:account|information)\b/,
      /\bfinancial (?:account|information)\b/,
      /\brouting numbers?\b/,
    ],
  },
  'login-credentials': {
    label: 'Passwords and login credentials',
    keywords: ['password', 'passwords', 'credentials', 'login', 'logins'],
    patterns: [/\bpasswords?\b/, /\b(?:login|log-in|account) credentials\b/],
  },
  username: {
    label: 'Usernames',
    keywords: ['username', 'usernames'],
    patterns: [/\busernames?\b/, /\buser names?\b/],
  },
  email: {
    label: 'Email addresses',
    keywords: ['email', 'email address', 'e-mail'],
    patterns: [/\be-?mail addresses\b/, /\be-?mail address\b/],
  },
  phone: {
    label: 'Phone numbers',
    keywords: ['phone', 'phone number', 'telephone', 'mobile'],
    patterns: [/\b(?:tele)?phone numbers?\b/],
  },
  'ip-address': { label: 'IP addresses', keywords: ['ip', 'ip address'], patterns: [/\bip addresses?\b/] },
  biometric: {
    label: 'Biometric data',
    keywords: ['biometric', 'biometrics', 'fingerprint', 'fingerprints', 'face'],
    patterns: [/\bbiometrics?\b/, /\bfingerprints?\b/],
  },
  'child-data': {
    label: "Children's data",
    keywords: ['child', 'children', 'kids', 'kid', 'minor', 'minors', 'pediatric'],
    patterns: [/\bchild(?:ren)?\b/, /\bminors?\b/, /\bpediatric\b/],
  },
  demographics: {
    label: 'Demographic data (gender, ethnicity, ...)',
    keywords: ['gender', 'ethnicity', 'demographic', 'demographics'],
    patterns: [/\bgenders?\b/, /\bethnicit(?:y|ies)\b/, /\bdemographic\b/],
  },
  employment: {
    label: 'Employment data',
    keywords: ['employer', 'employment', 'job title', 'salary'],
    patterns: [/\bemployers?\b/, /\bemployment\b/, /\bjob titles?\b/],
  },
};

export function dataTypeLabel(type: DataType): string {
  return DATA_TYPE_INFO[type].label;
}

const keywordIndex: ReadonlyMap<string, DataType> = (() => {
  const map = new Map<string, DataType>();
  for (const type of DATA_TYPES) {
    map.set(type, type);
    for (const keyword of DATA_TYPE_INFO[type].keywords) {
      if (!map.has(keyword)) map.set(keyword, type);
    }
  }
  return map;
})();

/** The data type a normalised word or phrase names ("ssn", "medicare", "date-of-birth"), if any. */
export function dataTypeForKeyword(phrase: string): DataType | undefined {
  return keywordIndex.get(phrase.trim().toLowerCase());
}

/** Every keyword phrase, longest first, so that "social security number" wins over "social". */
export const DATA_TYPE_PHRASES: readonly string[] = [...keywordIndex.keys()].sort((a, b) => b.length - a.length);

/** The data types an official description names, in the enum's order. */
export function detectDataTypes(description: string): DataType[] {
  // Official texts write "drivers’ license" with a typographic apostrophe; the patterns spell it '.
  const text = description.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  return DATA_TYPES.filter((type) => DATA_TYPE_INFO[type].patterns.some((pattern) => pattern.test(text)));
}
