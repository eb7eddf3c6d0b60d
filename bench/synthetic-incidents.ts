/**
 * Synthetic HHS OCR-style incidents for the search benchmark: deterministic for a seed, valid per
 * `incidentSchema`, with unique, realistic organisation names that include the near-twins the real
 * list has ("North Valley Health" and "North Valley Health Partners"), and summaries written the way
 * OCR's web descriptions are.
 */
import { type DataType, detectDataTypes } from '../src/incidents/data-types.js';
import type { BreachType, EntityType, Incident, Location } from '../src/incidents/model.js';
import { foldText, organizationKey, slugify } from '../src/incidents/organization-name.js';
import { stateName, US_STATE_CODES, type UsStateCode } from '../src/incidents/us-states.js';
import { createRng, type Rng } from './prng.js';

export const DEFAULT_SEED = 20_260_701;

const HHS_SOURCE = { title: 'HHS OCR breach portal', url: 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf' };
const UPDATED = '2026-07-01';

// ---------------------------------------------------------------------------------------------
// Name parts
// ---------------------------------------------------------------------------------------------

const DIRECTIONS = [
  'North',
  'South',
  'East',
  'West',
  'Northern',
  'Southern',
  'Eastern',
  'Western',
  'Upper',
  'Lower',
  'Central',
  'Greater',
  'New',
  'Mid',
  'Northwest',
  'Southeast',
];
const FEATURES = [
  'Valley',
  'Ridge',
  'River',
  'Lake',
  'Bay',
  'Hills',
  'Pines',
  'Creek',
  'Harbor',
  'Meadows',
  'Springs',
  'Mountain',
  'Prairie',
  'Coast',
  'Shore',
  'Plains',
  'Woods',
  'Point',
  'Canyon',
  'Mesa',
  'Forest',
  'Island',
  'Brook',
  'Grove',
  'Glen',
  'Fork',
  'Bluff',
  'Falls',
  'Highlands',
  'Lakes',
];
const DESCRIPTIVE = [
  'Blue Ridge',
  'Lakeshore',
  'Riverside',
  'Lakeside',
  'Evergreen',
  'Sunrise',
  'Sunset',
  'Pinnacle',
  'Heritage',
  'Cornerstone',
  'Harmony',
  'Bright Horizons',
  'Golden Valley',
  'Silver Lake',
  'Clearwater',
  'Oak Tree',
  'Willow Creek',
  'Cedar Hills',
  'Maple Grove',
  'Stonebridge',
  'Redwood',
  'Bayview',
  'Highland',
  'Crossroads',
  'Keystone',
  'Liberty',
  'Pioneer',
  'Frontier',
  'Gateway',
  'Horizon',
  'Unity',
  'Trinity',
  'Good Samaritan',
  'Mercy',
  'Providence',
  'Compass',
  'Beacon',
  'Anchor',
  'Meridian',
  'Tri-County',
  'Tri-State',
  'Bluegrass',
  'Piedmont',
  'Tidewater',
  'Sandhills',
  'Gulf Coast',
  'High Plains',
  'Big Sky',
  'Cascade',
  'Sierra',
  'Ozark',
  'Appalachian',
  'Chesapeake',
  'Great Lakes',
  'Coastal',
  'Heartland',
  'Lone Star',
  'Magnolia',
  'Palmetto',
  'Sequoia',
  'Aspen',
  'Juniper',
  'Northstar',
  'Summit',
  'Landmark',
  'Premier',
  'Advanced',
  'Allied',
  'Integrated',
  'Comprehensive',
];
const SAINTS = [
  "St. Mary's",
  "St. Joseph's",
  "St. Luke's",
  "St. Vincent's",
  'St. Francis',
  "St. John's",
  "St. Anthony's",
  'St. Elizabeth',
  "St. Catherine's",
  "St. Peter's",
  'St. Jude',
  'St. Agnes',
  "St. Clare's",
  "St. Mark's",
  "St. Paul's",
  'Sacred Heart',
  'Holy Cross',
  'Holy Family',
  'Our Lady of Mercy',
  'Our Lady of Lourdes',
  "St. Bernard's",
  'St. Rose',
  'St. Thomas',
  "St. Patrick's",
  'St. Charles',
];
const SURNAMES = [
  'Miller',
  'Hayes',
  'Whitfield',
  'Anderson',
  'Baker',
  'Bennett',
  'Brooks',
  'Carter',
  'Chang',
  'Coleman',
  'Collins',
  'Cooper',
  'Delgado',
  'Dixon',
  'Donovan',
  'Ellis',
  'Fischer',
  'Fleming',
  'Foster',
  'Garcia',
  'Gibson',
  'Goldberg',
  'Gonzalez',
  'Graham',
  'Griffin',
  'Hamilton',
  'Harper',
  'Hartman',
  'Henderson',
  'Hoffman',
  'Holland',
  'Hughes',
  'Jensen',
  'Kaplan',
  'Keller',
  'Kennedy',
  'Kim',
  'Klein',
  'Kowalski',
  'Lambert',
  'Larson',
  'Lawson',
  'Lindqvist',
  'Lopez',
  'MacKenzie',
  'Marshall',
  'Martinez',
  'McAllister',
  'Mendoza',
  'Mitchell',
  'Morales',
  'Morrison',
  'Murphy',
  'Nakamura',
  'Nguyen',
  "O'Brien",
  "O'Connor",
  'Olsen',
  'Ortiz',
  'Palmer',
  'Patel',
  'Pearson',
  'Perkins',
  'Peterson',
  'Porter',
  'Ramirez',
  'Reed',
  'Reyes',
  'Richardson',
  'Rivera',
  'Robertson',
  'Rosenthal',
  'Russo',
  'Sanders',
  'Schmidt',
  'Schneider',
  'Shapiro',
  'Simmons',
  'Sinclair',
  'Sullivan',
  'Sutherland',
  'Takahashi',
  'Thornton',
  'Townsend',
  'Tucker',
  'Vasquez',
  'Wagner',
  'Wallace',
  'Warren',
  'Weber',
  'Weinstein',
  'Wheeler',
  'Whitaker',
  'Williamson',
  'Winslow',
  'Wolfe',
  'Yamamoto',
  'Young',
  'Zimmerman',
  'Abernathy',
  'Barrett',
  'Blackwell',
  'Caldwell',
  'Castillo',
  'Dunbar',
  'Eastwood',
  'Fairbanks',
  'Gallagher',
  'Hargrove',
  'Ingram',
  'Jacobson',
  'Kirkland',
  'Langford',
  'Lockhart',
  'Montgomery',
  'Nash',
  'Oakley',
  'Pendleton',
  'Quinlan',
  'Radcliffe',
  'Stanton',
  'Thibodeaux',
  'Underwood',
  'Vaughn',
  'Whitman',
  'Ashford',
  'Beaumont',
  'Castellano',
  'Desai',
  'Esposito',
  'Fitzgerald',
  'Greenberg',
  'Hollister',
  'Iverson',
  'Jablonski',
  'Kowalczyk',
  'Lombardi',
  'Mahoney',
  'Novak',
  'Okafor',
  'Pham',
  'Rasmussen',
  'Sorensen',
  'Tran',
  'Valenti',
  'Wozniak',
  'Zhang',
];
const FIRST_NAMES = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Daniel',
  'Lisa',
  'Matthew',
  'Nancy',
  'Anthony',
  'Sandra',
  'Mark',
  'Ashley',
  'Steven',
  'Emily',
  'Andrew',
  'Michelle',
  'Kevin',
  'Amanda',
  'Brian',
  'Melissa',
  'Priya',
  'Rajesh',
  'Wei',
  'Hiroshi',
  'Ana',
  'Carlos',
  'Olga',
  'Erick',
  'Fatima',
  'Omar',
  'Ingrid',
  'Lars',
  'Mei',
  'Tomasz',
];
const CITIES = [
  'Springfield',
  'Fresno',
  'Albany',
  'Ann Arbor',
  'Asheville',
  'Augusta',
  'Austin',
  'Bakersfield',
  'Baton Rouge',
  'Billings',
  'Birmingham',
  'Boise',
  'Bozeman',
  'Bridgeport',
  'Buffalo',
  'Burlington',
  'Cedar Rapids',
  'Charleston',
  'Charlotte',
  'Chattanooga',
  'Cheyenne',
  'Columbia',
  'Columbus',
  'Concord',
  'Dayton',
  'Decatur',
  'Des Moines',
  'Duluth',
  'Durham',
  'El Paso',
  'Erie',
  'Eugene',
  'Evansville',
  'Fargo',
  'Flagstaff',
  'Fort Wayne',
  'Gainesville',
  'Grand Rapids',
  'Green Bay',
  'Greenville',
  'Hartford',
  'Huntsville',
  'Jackson',
  'Jacksonville',
  'Kalamazoo',
  'Knoxville',
  'Lafayette',
  'Lancaster',
  'Lansing',
  'Laredo',
  'Lexington',
  'Lincoln',
  'Little Rock',
  'Lubbock',
  'Macon',
  'Madison',
  'Memphis',
  'Mobile',
  'Modesto',
  'Montgomery',
  'Nashville',
  'New Haven',
  'Norfolk',
  'Ogden',
  'Olympia',
  'Omaha',
  'Orlando',
  'Pasadena',
  'Peoria',
  'Portland',
  'Providence',
  'Provo',
  'Pueblo',
  'Raleigh',
  'Reno',
  'Richmond',
  'Roanoke',
  'Rochester',
  'Rockford',
  'Sacramento',
  'Salem',
  'Santa Fe',
  'Savannah',
  'Scranton',
  'Shreveport',
  'Sioux Falls',
  'Spokane',
  'Stockton',
  'Syracuse',
  'Tacoma',
  'Tallahassee',
  'Toledo',
  'Topeka',
  'Trenton',
  'Tucson',
  'Tulsa',
  'Tupelo',
  'Waco',
  'Wichita',
  'Wilmington',
  'Worcester',
  'Yakima',
  'Youngstown',
  'Abilene',
  'Akron',
  'Amarillo',
  'Bangor',
  'Bismarck',
  'Canton',
  'Clarksville',
  'Dothan',
  'Elmira',
  'Fayetteville',
  'Hattiesburg',
  'Joplin',
  'Kenosha',
  'Missoula',
  'Muncie',
  'Oshkosh',
  'Paducah',
  'Poughkeepsie',
  'Saginaw',
  'Tuscaloosa',
  'Utica',
  'Valdosta',
  'Wausau',
];

/** Cores of provider names. */
const PROVIDER_CORES = [
  'Health',
  'Medical Center',
  'Family Dental',
  'Dental Care',
  'Orthopedics',
  'Pediatrics',
  'Family Medicine',
  'Internal Medicine',
  'Cardiology',
  'Dermatology',
  'Eye Care',
  'Vision Center',
  "Women's Health",
  'Urgent Care',
  'Surgery Center',
  'Imaging',
  'Radiology',
  'Diagnostics',
  'Laboratories',
  'Behavioral Health',
  'Counseling Services',
  'Physical Therapy',
  'Rehabilitation',
  'Home Health',
  'Hospice',
  'Senior Living',
  'Oncology',
  'Cancer Center',
  'Kidney Care',
  'Dialysis',
  'Podiatry',
  'Chiropractic',
  'Allergy and Asthma',
  'Ear, Nose & Throat',
  'Gastroenterology',
  'Urology',
  'Neurology',
  'Psychiatry',
  'Fertility Center',
  'Sleep Center',
  'Hospital',
  'Regional Medical Center',
  'Community Hospital',
  'Medical Group',
  'Physicians',
  'Primary Care',
  'Clinic',
  'Health Center',
  'Community Health Center',
  'Health System',
  'Healthcare',
  'Anesthesia',
  'Ambulance Service',
  'Pharmacy',
  'Orthodontics',
  'Oral Surgery',
  'Hearing Center',
  'Endocrinology',
  'Rheumatology',
  'Pulmonology',
  'Wound Care',
  'Pain Management',
  'Spine Center',
  'Sports Medicine',
  'Medical Associates',
  'Health Services',
];
/** Cores that sound like a hospital, for saints' names. */
const HOSPITAL_CORES = [
  'Hospital',
  'Medical Center',
  'Regional Medical Center',
  'Health',
  'Health System',
  'Healthcare',
  'Home Health',
  'Hospice',
  'Pediatrics',
  'Cancer Center',
  'Rehabilitation',
  'Behavioral Health',
  'Clinic',
  'Physicians',
  'Senior Living',
];
const PLAN_CORES = [
  'Health Plan',
  'Health Plans',
  'Health Insurance',
  'Benefits Trust',
  'Employee Benefit Plan',
  'Medical Plan',
  'Dental Plan',
  'Health Alliance',
  'HMO',
  'Care Plan',
  'Community Health Plan',
  'Medicare Advantage Plan',
];
const BA_CORES = [
  'Billing Services',
  'Medical Billing',
  'Revenue Cycle Management',
  'Transcription Services',
  'IT Solutions',
  'Health Information Services',
  'Claims Processing',
  'Practice Management',
  'Data Systems',
  'Software',
  'Records Management',
  'Collection Agency',
  'Consulting',
  'Health Technologies',
  'Business Solutions',
  'Coding Services',
  'Payment Solutions',
  'Analytics',
];
const BA_BRANDS = [
  'MedTech',
  'CareSource',
  'HealthLink',
  'MediServe',
  'ClaimWorks',
  'Optimum',
  'Vantage',
  'Apex',
  'Nexus',
  'Quantum',
  'Synergy',
  'Precision',
  'Streamline',
  'Vertex',
  'Paragon',
  'Sentinel',
  'Catalyst',
  'Keystone',
  'Crescent',
  'Everest',
  'MedData',
  'RxNet',
  'CuraLogic',
  'PatientFirst',
];
const CLEARINGHOUSE_CORES = [
  'Claims Clearinghouse',
  'Health Exchange',
  'Health Information Exchange',
  'Claims Network',
];

/** Words that make a near-twin of a name: "North Valley Health" -> "North Valley Health Partners". */
const TWIN_EXTRAS: Record<EntityType, readonly string[]> = {
  'healthcare-provider': ['Partners', 'Group', 'Associates', 'Network', 'Specialists', 'Alliance', 'Institute'],
  'health-plan': ['Network', 'Partners', 'Trust'],
  'business-associate': ['Group', 'Partners', 'Solutions', 'Holdings'],
  clearinghouse: ['Network', 'Services'],
  other: ['Group'],
};
/** Words that make a near-twin when put before the core: "North Valley Community Health". */
const TWIN_DESCRIPTORS: Record<EntityType, readonly string[]> = {
  'healthcare-provider': ['Community', 'Regional', 'Family', 'Advanced', 'Premier', 'Comprehensive', 'Pediatric'],
  'health-plan': ['Community', 'Regional', 'Senior', 'Family'],
  'business-associate': ['Medical', 'Healthcare', 'National'],
  clearinghouse: ['Regional', 'National'],
  other: ['Regional'],
};
/** Legal forms: shown, but they do not make a name different (organizationKey drops them). */
const LEGAL_FORMS = [', LLC', ' LLC', ', Inc.', ' Inc.', ', P.C.', ' PLLC', ', P.A.', ' Corp.', ' LLP'];
const CREDENTIALS = ['MD', 'DDS', 'DMD', 'DO', 'DPM', 'OD', 'PhD'];

type Core = { kind: EntityType; core: string };

interface NameDraft {
  /** Everything before the core ("North Valley"), or undefined for "Dr." style names. */
  prefix: string;
  core: string;
  /** " of Springfield" style tail, or a twin extra ("Partners"). */
  tail: string;
  entityType: EntityType;
  /** Whether " of <City>" reads well after this name (not after a city or state name). */
  cityTwin?: boolean;
}

function draftName(rng: Rng): NameDraft {
  const entityType = rng.weighted<EntityType>([
    ['healthcare-provider', 72],
    ['health-plan', 11],
    ['business-associate', 15],
    ['clearinghouse', 2],
  ]);
  const core = (list: readonly string[]): Core => ({ kind: entityType, core: rng.pick(list) });
  const geo = (): string =>
    rng.chance(0.45) ? `${rng.pick(DIRECTIONS)} ${rng.pick(FEATURES)}` : rng.pick(DESCRIPTIVE);
  const surname = (): string => rng.pick(SURNAMES);
  const city = (): string => rng.pick(CITIES);
  const state = (): string => stateName(rng.pick(US_STATE_CODES.slice(0, 51)));

  if (entityType === 'health-plan') {
    const { core: c } = core(PLAN_CORES);
    const prefix = rng.weighted<() => string>([
      [geo, 45],
      [city, 25],
      [state, 20],
      [() => `${surname()} Family`, 10],
    ])();
    return { prefix, core: c, tail: '', entityType };
  }
  if (entityType === 'business-associate') {
    const { core: c } = core(BA_CORES);
    const prefix = rng.weighted<() => string>([
      [() => rng.pick(BA_BRANDS), 40],
      [geo, 25],
      [surname, 20],
      [city, 15],
    ])();
    return { prefix, core: c, tail: '', entityType };
  }
  if (entityType === 'clearinghouse') {
    const prefix = rng.chance(0.5) ? rng.pick(BA_BRANDS) : state();
    return { prefix, core: rng.pick(CLEARINGHOUSE_CORES), tail: '', entityType };
  }
  const form = rng.weighted<string>([
    ['geo', 35],
    ['surname', 17],
    ['two-surnames', 5],
    ['city', 15],
    ['core-of-city', 7],
    ['saint', 8],
    ['doctor', 7],
    ['state', 6],
  ]);
  switch (form) {
    case 'geo':
      return { prefix: geo(), core: rng.pick(PROVIDER_CORES), tail: '', entityType, cityTwin: true };
    case 'surname':
      return { prefix: surname(), core: rng.pick(PROVIDER_CORES), tail: '', entityType, cityTwin: true };
    case 'two-surnames': {
      const [a, b] = rng.sample(SURNAMES, 2);
      return { prefix: `${a} & ${b}`, core: rng.pick(PROVIDER_CORES), tail: '', entityType };
    }
    case 'city':
      return { prefix: city(), core: rng.pick(PROVIDER_CORES), tail: '', entityType };
    case 'core-of-city':
      return { prefix: '', core: rng.pick(PROVIDER_CORES), tail: ` of ${city()}`, entityType };
    case 'saint':
      return { prefix: rng.pick(SAINTS), core: rng.pick(HOSPITAL_CORES), tail: '', entityType, cityTwin: true };
    case 'doctor': {
      const person = `${rng.pick(FIRST_NAMES)} ${rng.chance(0.3) ? `${String.fromCharCode(65 + rng.int(0, 25))}. ` : ''}${surname()}`;
      const name = rng.chance(0.5) ? `Dr. ${person}` : `${person}, ${rng.pick(CREDENTIALS)}`;
      return { prefix: name, core: '', tail: '', entityType };
    }
    default:
      return { prefix: state(), core: rng.pick(HOSPITAL_CORES), tail: '', entityType };
  }
}

function renderName(draft: NameDraft): string {
  return [draft.prefix, draft.core].filter(Boolean).join(' ') + draft.tail;
}

/** One or two near-twins of a name: an extra word after it, a descriptor before its core, or " of <City>". */
function twinDrafts(rng: Rng, draft: NameDraft): NameDraft[] {
  if (!draft.core) return [];
  const count = rng.chance(0.7) ? 1 : 2;
  const twins: NameDraft[] = [];
  for (let i = 0; i < count; i++) {
    const how = rng.weighted<string>([
      ['extra', 60],
      ['descriptor', 25],
      ['city', 15],
    ]);
    const { entityType } = draft;
    if (how === 'extra') twins.push({ ...draft, tail: `${draft.tail} ${rng.pick(TWIN_EXTRAS[entityType])}` });
    else if (how === 'descriptor')
      twins.push({ ...draft, core: `${rng.pick(TWIN_DESCRIPTORS[entityType])} ${draft.core}` });
    else if (draft.cityTwin && !draft.tail) twins.push({ ...draft, tail: ` of ${rng.pick(CITIES)}` });
  }
  return twins;
}

// ---------------------------------------------------------------------------------------------
// Summaries
// ---------------------------------------------------------------------------------------------

interface Scenario {
  breachType: BreachType;
  locations: Location[];
  /** What happened, after "reported that". `{n}` is the number of individuals. */
  events: readonly string[];
  responses: readonly string[];
}

const SCENARIOS: readonly (readonly [Scenario, number])[] = [
  [
    {
      breachType: 'hacking',
      locations: ['email'],
      events: [
        'an unauthorized third party gained access to several employee email accounts through a phishing attack, compromising the protected health information (PHI) of {n} individuals',
        'a phishing email led to the compromise of {k} workforce members’ email accounts containing the electronic protected health information (ePHI) of {n} individuals',
        'an unknown actor accessed an employee’s email account after the employee responded to a phishing email, exposing the PHI of {n} individuals',
      ],
      responses: [
        'Following the breach, the CE reset the passwords of the affected accounts, implemented multi-factor authentication for email access, and retrained its workforce on recognizing phishing emails.',
        'The CE enabled multi-factor authentication, deployed advanced email filtering, and revised its security awareness training.',
      ],
    },
    30,
  ],
  [
    {
      breachType: 'hacking',
      locations: ['network-server'],
      events: [
        'an unauthorized individual gained access to its network server and may have exfiltrated files containing the PHI of {n} individuals',
        'it experienced a cyberattack in which an unknown actor accessed its network and removed files containing the ePHI of {n} individuals',
        'suspicious activity on its network server led to the discovery that an attacker had accessed systems holding the ePHI of {n} individuals',
      ],
      responses: [
        'In response, the CE engaged a forensic security firm, rebuilt the affected servers, and deployed endpoint detection and response software.',
        'The CE blocked the malicious IP addresses, patched the exploited vulnerability, and strengthened its firewall rules.',
      ],
    },
    24,
  ],
  [
    {
      breachType: 'hacking',
      locations: ['network-server', 'desktop'],
      events: [
        'it was the target of a ransomware attack that encrypted servers and workstations containing the ePHI of {n} individuals',
        'a ransomware attack disrupted its electronic systems, and the attackers claimed to have copied files containing the PHI of {n} individuals',
      ],
      responses: [
        'The CE restored its systems from backups, notified law enforcement, and engaged a cybersecurity firm to investigate the ransomware attack.',
        'Following the ransomware attack, the CE improved its backup procedures, segmented its network, and implemented multi-factor authentication for remote access.',
      ],
    },
    12,
  ],
  [
    {
      breachType: 'hacking',
      locations: ['network-server'],
      events: [
        'its business associate (BA), a {vendor} vendor, experienced a cyberattack that compromised the PHI of {n} individuals',
        'a vendor that provides {vendor} services experienced a security incident affecting the PHI of {n} of the CE’s patients',
      ],
      responses: [
        'The CE reviewed its business associate agreements and required the BA to implement additional technical safeguards.',
        'The BA notified the CE, engaged a forensic firm, and rebuilt its hosting environment.',
      ],
    },
    8,
  ],
  [
    {
      breachType: 'unauthorized-access',
      locations: ['ehr'],
      events: [
        'a workforce member impermissibly accessed the electronic health records of {n} patients without a job-related purpose',
        'a former employee accessed the electronic medical records of {n} individuals over several months without authorization',
      ],
      responses: [
        'The CE terminated the workforce member, implemented a system for monitoring access to its electronic health record, and retrained staff on the HIPAA Privacy Rule.',
        'The CE sanctioned the employee involved and revised its policies and procedures on access to PHI.',
      ],
    },
    10,
  ],
  [
    {
      breachType: 'unauthorized-access',
      locations: ['paper'],
      events: [
        'a mailing error caused letters containing the PHI of {n} individuals to be sent to the wrong recipients',
        'billing statements for {n} individuals were mailed to incorrect addresses because of a programming error by its mailing vendor',
      ],
      responses: [
        'The CE corrected the error in its mailing process and added a quality check before each mailing.',
        'The CE asked the recipients to return or destroy the misdirected letters and retrained the staff responsible for mailings.',
      ],
    },
    6,
  ],
  [
    {
      breachType: 'theft',
      locations: ['laptop'],
      events: [
        'an unencrypted laptop computer containing the ePHI of {n} individuals was stolen from an employee’s vehicle',
        'a laptop containing the ePHI of {n} individuals was stolen from its office during a break-in',
      ],
      responses: [
        'The CE encrypted all laptops and portable devices and updated its risk analysis.',
        'The CE filed a police report and implemented full-disk encryption on all mobile devices.',
      ],
    },
    6,
  ],
  [
    {
      breachType: 'theft',
      locations: ['desktop', 'paper'],
      events: [
        'its facility was burglarized and desktop computers and paper records containing the PHI of {n} individuals were stolen',
      ],
      responses: [
        'The CE installed an alarm system, moved paper records to locked cabinets, and encrypted its workstations.',
      ],
    },
    3,
  ],
  [
    {
      breachType: 'loss',
      locations: ['portable-device'],
      events: [
        'an unencrypted USB flash drive containing the ePHI of {n} individuals was lost',
        'a backup tape containing the ePHI of {n} individuals was lost in transit to an offsite storage facility',
      ],
      responses: ['The CE prohibited the use of unencrypted portable media and updated its device and media controls.'],
    },
    3,
  ],
  [
    {
      breachType: 'improper-disposal',
      locations: ['paper'],
      events: [
        'paper records containing the PHI of {n} individuals were discarded in an unsecured dumpster',
        'boxes of patient files containing the PHI of {n} individuals were left at a former office location after a move',
      ],
      responses: [
        'The CE retrained its staff on the proper disposal of PHI and contracted with a certified shredding vendor.',
      ],
    },
    3,
  ],
];

const BA_SCENARIOS = SCENARIOS.filter(([scenario]) => !scenario.events.some((event) => event.includes('{vendor}')));

const VENDOR_SERVICES = [
  'billing',
  'medical transcription',
  'IT support',
  'patient scheduling',
  'claims processing',
  'cloud hosting',
  'records storage',
];

/** Phrases for each data type, worded the way OCR describes them (detectDataTypes reads them back). */
const DATA_PHRASES: Partial<Record<DataType, readonly string[]>> = {
  address: ['addresses', 'mailing addresses'],
  'date-of-birth': ['dates of birth'],
  ssn: ['Social Security numbers'],
  'drivers-license': ['driver’s license numbers', "driver's license numbers"],
  'medical-record-number': ['medical record numbers', 'patient identification numbers'],
  diagnosis: ['diagnoses', 'diagnoses/conditions', 'clinical information'],
  prescription: ['prescription information', 'medications'],
  treatment: ['treatment information', 'dates of service'],
  'lab-results': ['lab results'],
  'health-insurance': ['health insurance information', 'Medicaid ID numbers', 'Medicare numbers'],
  'billing-claims': ['billing information', 'claims information'],
  'payment-card': ['credit card numbers'],
  'bank-account': ['bank account information', 'financial information'],
  'login-credentials': ['usernames and passwords'],
  email: ['email addresses'],
  phone: ['phone numbers'],
  'taxpayer-id': ['taxpayer identification numbers'],
  passport: ['passport numbers'],
  demographics: ['demographic information'],
  employment: ['employer information'],
};
const COMMON_DATA: readonly (readonly [DataType, number])[] = [
  ['address', 60],
  ['date-of-birth', 60],
  ['ssn', 35],
  ['medical-record-number', 30],
  ['diagnosis', 30],
  ['treatment', 35],
  ['health-insurance', 35],
  ['prescription', 15],
  ['lab-results', 10],
  ['billing-claims', 12],
  ['drivers-license', 8],
  ['payment-card', 5],
  ['bank-account', 6],
  ['login-credentials', 4],
  ['email', 8],
  ['phone', 12],
  ['taxpayer-id', 2],
  ['passport', 1],
  ['demographics', 5],
  ['employment', 3],
];

const GENERIC_RESPONSES = [
  'The CE notified HHS, affected individuals, and the media, and posted substitute notice on its website.',
  'The CE provided breach notification to HHS, affected individuals, the {state} Attorney General, and the media.',
  'The CE offered affected individuals complimentary credit monitoring and identity protection services for {months} months.',
  'The CE set up a toll-free call center to answer questions from affected individuals.',
  'As a result of OCR’s investigation, the CE updated its risk analysis and risk management plan.',
  'OCR provided technical assistance to the CE regarding the HIPAA Breach Notification Rule.',
  'OCR obtained assurances that the CE implemented the corrective actions noted above.',
  'Law enforcement was notified, and the CE cooperated with the investigation.',
  'The CE reported the incident to the {state} Department of Health.',
];

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function formatLongDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[(m ?? 1) - 1]} ${d}, ${y}`;
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function joinList(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}

interface SummaryInput {
  organization: string;
  entityType: EntityType;
  state: UsStateCode;
  individualsAffected: number;
  disclosed: string;
  scenario: Scenario;
  city: string;
}

function writeSummary(rng: Rng, input: SummaryInput): string {
  const { organization, entityType, scenario } = input;
  const state = stateName(input.state);
  const fill = (text: string): string =>
    text
      .replace('{n}', formatCount(input.individualsAffected))
      .replace('{k}', String(rng.int(2, 14)))
      .replace('{vendor}', rng.pick(VENDOR_SERVICES))
      .replace(/\{state\}/g, state)
      .replace('{months}', rng.pick(['12', '12', '24']));

  const ba = entityType === 'business-associate';
  const who = ba ? 'business associate (BA)' : 'covered entity (CE)';
  const plan = entityType === 'health-plan' ? ', a health plan,' : ',';
  const event = fill(rng.pick(scenario.events));
  const opening = rng.weighted<string>([
    [`The ${who}, ${organization}${plan} reported that ${event}.`, 50],
    [`${organization}, the ${who}, reported that ${event}.`, 30],
    [
      `${organization}, a ${ba ? 'business associate' : 'covered entity'} located in ${input.city}, ${state}, reported that ${event}.`,
      20,
    ],
  ]);

  const discovered = addDays(input.disclosed, -rng.int(10, 90));
  const dates = rng.chance(0.6)
    ? `The ${ba ? 'BA' : 'CE'} discovered the incident on ${formatLongDate(discovered)}.`
    : `The incident occurred between ${formatLongDate(addDays(discovered, -rng.int(5, 120)))} and ${formatLongDate(discovered)}.`;

  const dataCount = rng.int(2, 7);
  const dataTypes = new Set<DataType>();
  while (dataTypes.size < dataCount) dataTypes.add(rng.weighted(COMMON_DATA));
  const phrases = ['names', ...[...dataTypes].map((type) => rng.pick(DATA_PHRASES[type] ?? [type]))];
  const phi = rng.pick([
    `The PHI involved included ${joinList(phrases)}.`,
    `The types of PHI involved in the breach included ${joinList(phrases)}.`,
    `The ePHI involved in the breach included ${joinList(phrases)}.`,
  ]);

  const place =
    rng.chance(0.5) && !opening.includes(input.city)
      ? `The ${ba ? 'BA' : 'CE'} serves patients in ${input.city} and across ${state}.`
      : '';

  const target = rng.int(60, 150);
  const sentences = [opening, dates, phi, place].filter(Boolean).map((s) => s.replace(/\s+/g, ' '));
  const responses = rng.shuffle([...scenario.responses.map(fill), ...rng.sample(GENERIC_RESPONSES, 4).map(fill)]);
  const fixWho = (text: string): string =>
    ba ? text.replace(/\bthe CE\b/g, 'the BA').replace(/^The CE\b/, 'The BA') : text;
  let words = wordCount(sentences.join(' '));
  for (const response of responses) {
    const next = fixWho(response);
    const count = wordCount(next);
    if (words >= 60 && words + count > target) break;
    if (words + count > 150) continue;
    sentences.push(next);
    words += count;
  }
  // Very short openings with few responses left: pad with neutral OCR closing sentences.
  const closings = [
    'OCR provided technical assistance to the entity on the HIPAA Security Rule.',
    'The entity reviewed and updated its HIPAA policies and procedures and retrained its workforce.',
  ];
  for (const closing of closings) {
    if (words >= 60) break;
    sentences.push(closing);
    words += wordCount(closing);
  }
  return sentences.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2010, 0, 1);
const LAST_DAY = Date.UTC(2026, 5, 30);

function randomDate(rng: Rng): string {
  const days = Math.floor((LAST_DAY - FIRST_DAY) / DAY_MS);
  return new Date(FIRST_DAY + rng.int(0, days) * DAY_MS).toISOString().slice(0, 10);
}

/** HHS lists breaches of 500 or more; most are small, a few are huge. */
function randomAffected(rng: Rng): number {
  return Math.round(500 * 10 ** (rng.next() ** 2.2 * 4.2));
}

/** States weighted roughly by population: big states more often, territories rarely. */
const STATE_WEIGHTS: readonly (readonly [UsStateCode, number])[] = US_STATE_CODES.map((code) => {
  const big: Partial<Record<UsStateCode, number>> = { CA: 10, TX: 8, FL: 6, NY: 6, PA: 4, IL: 4, OH: 4 };
  const territory = ['PR', 'VI', 'GU', 'AS', 'MP'].includes(code);
  return [code, big[code] ?? (territory ? 0.1 : 1.5)] as const;
});

const LEGAL_FORM_AT_END = /,? (LLC|Inc\.|P\.C\.|PLLC|P\.A\.|Corp\.|LLP)$/;

function acronym(name: string): string | undefined {
  const skip = new Set(['of', 'and', 'the']);
  const letters = foldText(name.replace(LEGAL_FORM_AT_END, ''))
    .split(' ')
    .filter((word) => word && !skip.has(word))
    .map((word) => word[0]?.toUpperCase() ?? '');
  return letters.length >= 3 && letters.length <= 5 ? letters.join('') : undefined;
}

/**
 * What makes two names the same here: their words, legal forms and "of"/"and"/"the" aside, in any
 * order. "Health Center of Reno" and "Reno Health Center" would be one organisation to a reader, so
 * the generator makes only one of them; near-twins differ by a real word.
 */
function nameIdentity(name: string): string {
  return organizationKey(name)
    .split(' ')
    .filter((word) => word && word !== 'of' && word !== 'and' && word !== 'the')
    .sort()
    .join(' ');
}

export interface GenerateOptions {
  seed?: number;
  /** Share of records that get an alias (default 0.08). */
  aliasShare?: number;
}

/**
 * `count` valid incidents, the same for the same seed and count. Organisation names and aliases are
 * unique by `nameIdentity` (so also by `organizationKey`): every name identifies one record, and
 * near-twins differ by a real word ("Partners", "Community", " of Springfield").
 */
export function generateIncidents(count: number, options: GenerateOptions = {}): Incident[] {
  const rng = createRng(options.seed ?? DEFAULT_SEED);
  const aliasShare = options.aliasShare ?? 0.08;
  const usedKeys = new Set<string>();
  const drafts: NameDraft[] = [];
  const tryAdd = (draft: NameDraft): boolean => {
    const key = nameIdentity(renderName(draft));
    if (!key || usedKeys.has(key)) return false;
    usedKeys.add(key);
    drafts.push(draft);
    return true;
  };
  let attempts = 0;
  while (drafts.length < count) {
    if (++attempts > count * 50) throw new Error(`could not make ${count} unique names`);
    const draft = draftName(rng);
    if (!tryAdd(draft)) continue;
    if (rng.chance(0.3)) {
      for (const twin of twinDrafts(rng, draft)) {
        if (drafts.length >= count) break;
        tryAdd(twin);
      }
    }
  }

  // Twins were made next to each other; real lists are not in that order.
  const ordered = rng.shuffle(drafts);
  const incidents = ordered.map((draft, index) => {
    const base = renderName(draft);
    const organization = draft.core && rng.chance(0.3) ? `${base}${rng.pick(LEGAL_FORMS)}` : base;
    const state = rng.weighted(STATE_WEIGHTS);
    const disclosed = randomDate(rng);
    const individualsAffected = randomAffected(rng);
    // A business associate's breach is not "its business associate's" breach.
    const scenario = rng.weighted(draft.entityType === 'business-associate' ? BA_SCENARIOS : SCENARIOS);
    const summary = writeSummary(rng, {
      organization,
      entityType: draft.entityType,
      state,
      individualsAffected,
      disclosed,
      scenario,
      city: rng.pick(CITIES),
    });
    // As the HHS import does: data types are what the description names (the name itself aside:
    // "Acme Billing Services" says nothing about billing data).
    const dataTypes = detectDataTypes(
      summary
        .split(organization)
        .join(' ')
        .replace(/\u2019/g, "'"),
    );
    const status = disclosed < '2024-06-01' || rng.chance(0.4) ? 'archived' : 'under-investigation';
    const incident: Incident = {
      id: `syn-${String(index + 1).padStart(6, '0')}-${slugify(organization, 48)}`,
      organization,
      aliases: [],
      relatedOrganizations: [],
      entityType: draft.entityType,
      state,
      country: 'US',
      individualsAffected,
      disclosed,
      breachTypes: [scenario.breachType],
      locations: [...scenario.locations],
      dataTypes,
      summary,
      timeline: [],
      offered: [],
      lessons: [],
      sources: [{ ...HHS_SOURCE }],
      origin: 'hhs-ocr',
      status,
      updated: UPDATED,
    };
    return incident;
  });

  // Aliases last, once every name is known: an alias must not be another record's name or alias.
  // Either an acronym ("NVHP") or a name the organisation also goes by ("North Valley Pediatrics").
  incidents.forEach((incident, index) => {
    const draft = ordered[index] as NameDraft;
    // A practice named after a person has no acronym or other name worth inventing.
    if (!draft.core || !rng.chance(aliasShare)) return;
    const candidates: string[] = [];
    const short = acronym(incident.organization);
    if (short) candidates.push(short);
    if (draft.prefix) {
      const pool =
        draft.entityType === 'business-associate'
          ? BA_CORES
          : draft.entityType === 'health-plan'
            ? PLAN_CORES
            : PROVIDER_CORES;
      candidates.push(`${draft.prefix} ${rng.pick(pool)}`);
    }
    for (const alias of rng.shuffle(candidates)) {
      const key = nameIdentity(alias);
      if (!key || usedKeys.has(key)) continue;
      usedKeys.add(key);
      incident.aliases.push(alias);
      break;
    }
  });
  return incidents;
}
