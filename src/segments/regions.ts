/**
 * Built-in `regions` segment preset: country → NA / LATAM / EMEA / APAC.
 *
 * Every ISO 3166-1 entry (249) is listed with its alpha-2 code, alpha-3 code, ISO English short name
 * and the aliases CRMs actually contain. Lookups go through normaliseCountryKey, so "U.S.",
 * "Côte d’Ivoire", "St. Kitts & Nevis" and "the Netherlands" all hit. Nothing fuzzy: a misspelling
 * such as "Philipines" stays unmatched so the user maps it explicitly in config.
 *
 * Region edge cases (geography first, then common B2B territory practice):
 * - NA: United States, Canada, plus Bermuda, Greenland and Saint Pierre and Miquelon (North
 *   American geography, whatever the sovereign). Mexico is LATAM.
 * - LATAM: Mexico, Central and South America, the whole Caribbean including Puerto Rico and the
 *   US Virgin Islands, plus the Falklands and South Georgia.
 * - EMEA: Europe, the Middle East (incl. Türkiye, Israel, Iran, the Gulf states, Cyprus), all of
 *   Africa and its islands, Russia, the Caucasus and Central Asia (Kazakhstan, Uzbekistan,
 *   Turkmenistan, Kyrgyzstan, Tajikistan — usually sold with Russia/CIS from EMEA teams).
 * - APAC: South, East and South-East Asia (incl. Afghanistan, Pakistan, Mongolia), Oceania and the
 *   Pacific islands including Guam, American Samoa and the US Minor Outlying Islands; Antarctica
 *   is put here only so that every code maps somewhere.
 * - "NA" as an input is Namibia (ISO alpha-2), not North America or "not available".
 * - "Korea" alone means South Korea; "America" means the United States. Kosovo (XK/XKX, user-assigned
 *   but universal) is included beyond the 249 ISO entries.
 */

export type Region = "NA" | "LATAM" | "EMEA" | "APAC";

/** The preset's values, in the order reports list them. */
export const REGION_NAMES: readonly Region[] = ["NA", "LATAM", "EMEA", "APAC"];

/** [alpha-2, alpha-3, region, ISO short name, ...aliases] */
type CountryEntry = readonly [string, string, Region, ...string[]];

const COUNTRIES: readonly CountryEntry[] = [
  ["AF", "AFG", "APAC", "Afghanistan"],
  ["AX", "ALA", "EMEA", "Åland Islands", "Aland"],
  ["AL", "ALB", "EMEA", "Albania"],
  ["DZ", "DZA", "EMEA", "Algeria"],
  ["AS", "ASM", "APAC", "American Samoa"],
  ["AD", "AND", "EMEA", "Andorra"],
  ["AO", "AGO", "EMEA", "Angola"],
  ["AI", "AIA", "LATAM", "Anguilla"],
  ["AQ", "ATA", "APAC", "Antarctica"],
  ["AG", "ATG", "LATAM", "Antigua and Barbuda", "Antigua"],
  ["AR", "ARG", "LATAM", "Argentina"],
  ["AM", "ARM", "EMEA", "Armenia"],
  ["AW", "ABW", "LATAM", "Aruba"],
  ["AU", "AUS", "APAC", "Australia"],
  ["AT", "AUT", "EMEA", "Austria", "Österreich"],
  ["AZ", "AZE", "EMEA", "Azerbaijan"],
  ["BS", "BHS", "LATAM", "Bahamas"],
  ["BH", "BHR", "EMEA", "Bahrain"],
  ["BD", "BGD", "APAC", "Bangladesh"],
  ["BB", "BRB", "LATAM", "Barbados"],
  ["BY", "BLR", "EMEA", "Belarus"],
  ["BE", "BEL", "EMEA", "Belgium", "België", "Belgique"],
  ["BZ", "BLZ", "LATAM", "Belize"],
  ["BJ", "BEN", "EMEA", "Benin"],
  ["BM", "BMU", "NA", "Bermuda"],
  ["BT", "BTN", "APAC", "Bhutan"],
  ["BO", "BOL", "LATAM", "Bolivia (Plurinational State of)", "Bolivia", "Bolivia, Plurinational State of"],
  ["BQ", "BES", "LATAM", "Bonaire, Sint Eustatius and Saba", "Bonaire", "Caribbean Netherlands"],
  ["BA", "BIH", "EMEA", "Bosnia and Herzegovina", "Bosnia"],
  ["BW", "BWA", "EMEA", "Botswana"],
  ["BV", "BVT", "EMEA", "Bouvet Island"],
  ["BR", "BRA", "LATAM", "Brazil", "Brasil"],
  ["IO", "IOT", "APAC", "British Indian Ocean Territory"],
  ["BN", "BRN", "APAC", "Brunei Darussalam", "Brunei"],
  ["BG", "BGR", "EMEA", "Bulgaria"],
  ["BF", "BFA", "EMEA", "Burkina Faso"],
  ["BI", "BDI", "EMEA", "Burundi"],
  ["CV", "CPV", "EMEA", "Cabo Verde", "Cape Verde"],
  ["KH", "KHM", "APAC", "Cambodia"],
  ["CM", "CMR", "EMEA", "Cameroon"],
  ["CA", "CAN", "NA", "Canada"],
  ["KY", "CYM", "LATAM", "Cayman Islands"],
  ["CF", "CAF", "EMEA", "Central African Republic"],
  ["TD", "TCD", "EMEA", "Chad"],
  ["CL", "CHL", "LATAM", "Chile"],
  ["CN", "CHN", "APAC", "China", "People's Republic of China", "PRC", "Mainland China"],
  ["CX", "CXR", "APAC", "Christmas Island"],
  ["CC", "CCK", "APAC", "Cocos (Keeling) Islands", "Cocos Islands", "Keeling Islands"],
  ["CO", "COL", "LATAM", "Colombia"],
  ["KM", "COM", "EMEA", "Comoros"],
  ["CG", "COG", "EMEA", "Congo", "Republic of the Congo", "Republic of Congo", "Congo-Brazzaville", "Congo (Brazzaville)"],
  [
    "CD",
    "COD",
    "EMEA",
    "Congo, Democratic Republic of the",
    "Democratic Republic of the Congo",
    "Democratic Republic of Congo",
    "Congo, the Democratic Republic of the",
    "Congo (Democratic Republic of the)",
    "DR Congo",
    "DRC",
    "Congo-Kinshasa",
    "Congo (Kinshasa)",
  ],
  ["CK", "COK", "APAC", "Cook Islands"],
  ["CR", "CRI", "LATAM", "Costa Rica"],
  ["CI", "CIV", "EMEA", "Côte d'Ivoire", "Ivory Coast"],
  ["HR", "HRV", "EMEA", "Croatia", "Hrvatska"],
  ["CU", "CUB", "LATAM", "Cuba"],
  ["CW", "CUW", "LATAM", "Curaçao"],
  ["CY", "CYP", "EMEA", "Cyprus"],
  ["CZ", "CZE", "EMEA", "Czechia", "Czech Republic", "Česko"],
  ["DK", "DNK", "EMEA", "Denmark", "Danmark"],
  ["DJ", "DJI", "EMEA", "Djibouti"],
  ["DM", "DMA", "LATAM", "Dominica"],
  ["DO", "DOM", "LATAM", "Dominican Republic"],
  ["EC", "ECU", "LATAM", "Ecuador"],
  ["EG", "EGY", "EMEA", "Egypt"],
  ["SV", "SLV", "LATAM", "El Salvador"],
  ["GQ", "GNQ", "EMEA", "Equatorial Guinea"],
  ["ER", "ERI", "EMEA", "Eritrea"],
  ["EE", "EST", "EMEA", "Estonia"],
  ["SZ", "SWZ", "EMEA", "Eswatini", "Swaziland"],
  ["ET", "ETH", "EMEA", "Ethiopia"],
  ["FK", "FLK", "LATAM", "Falkland Islands (Malvinas)", "Falkland Islands"],
  ["FO", "FRO", "EMEA", "Faroe Islands", "Faroes"],
  ["FJ", "FJI", "APAC", "Fiji"],
  ["FI", "FIN", "EMEA", "Finland", "Suomi"],
  ["FR", "FRA", "EMEA", "France"],
  ["GF", "GUF", "LATAM", "French Guiana"],
  ["PF", "PYF", "APAC", "French Polynesia"],
  ["TF", "ATF", "EMEA", "French Southern Territories"],
  ["GA", "GAB", "EMEA", "Gabon"],
  ["GM", "GMB", "EMEA", "Gambia"],
  ["GE", "GEO", "EMEA", "Georgia"],
  ["DE", "DEU", "EMEA", "Germany", "Deutschland"],
  ["GH", "GHA", "EMEA", "Ghana"],
  ["GI", "GIB", "EMEA", "Gibraltar"],
  ["GR", "GRC", "EMEA", "Greece"],
  ["GL", "GRL", "NA", "Greenland"],
  ["GD", "GRD", "LATAM", "Grenada"],
  ["GP", "GLP", "LATAM", "Guadeloupe"],
  ["GU", "GUM", "APAC", "Guam"],
  ["GT", "GTM", "LATAM", "Guatemala"],
  ["GG", "GGY", "EMEA", "Guernsey"],
  ["GN", "GIN", "EMEA", "Guinea"],
  ["GW", "GNB", "EMEA", "Guinea-Bissau"],
  ["GY", "GUY", "LATAM", "Guyana"],
  ["HT", "HTI", "LATAM", "Haiti"],
  ["HM", "HMD", "APAC", "Heard Island and McDonald Islands", "Heard and McDonald Islands"],
  ["VA", "VAT", "EMEA", "Holy See", "Holy See (Vatican City State)", "Vatican", "Vatican City", "Vatican City State"],
  ["HN", "HND", "LATAM", "Honduras"],
  ["HK", "HKG", "APAC", "Hong Kong", "Hong Kong SAR", "Hong Kong SAR China", "Hong Kong, China"],
  ["HU", "HUN", "EMEA", "Hungary"],
  ["IS", "ISL", "EMEA", "Iceland"],
  ["IN", "IND", "APAC", "India"],
  ["ID", "IDN", "APAC", "Indonesia"],
  ["IR", "IRN", "EMEA", "Iran (Islamic Republic of)", "Iran", "Iran, Islamic Republic of"],
  ["IQ", "IRQ", "EMEA", "Iraq"],
  ["IE", "IRL", "EMEA", "Ireland", "Republic of Ireland", "Eire"],
  ["IM", "IMN", "EMEA", "Isle of Man"],
  ["IL", "ISR", "EMEA", "Israel"],
  ["IT", "ITA", "EMEA", "Italy", "Italia"],
  ["JM", "JAM", "LATAM", "Jamaica"],
  ["JP", "JPN", "APAC", "Japan"],
  ["JE", "JEY", "EMEA", "Jersey"],
  ["JO", "JOR", "EMEA", "Jordan"],
  ["KZ", "KAZ", "EMEA", "Kazakhstan"],
  ["KE", "KEN", "EMEA", "Kenya"],
  ["KI", "KIR", "APAC", "Kiribati"],
  [
    "KP",
    "PRK",
    "APAC",
    "Korea (Democratic People's Republic of)",
    "Korea, Democratic People's Republic of",
    "Democratic People's Republic of Korea",
    "North Korea",
    "DPRK",
  ],
  ["KR", "KOR", "APAC", "Korea, Republic of", "Korea (Republic of)", "Republic of Korea", "South Korea", "Korea", "Korea (South)"],
  ["KW", "KWT", "EMEA", "Kuwait"],
  ["KG", "KGZ", "EMEA", "Kyrgyzstan", "Kyrgyz Republic"],
  ["LA", "LAO", "APAC", "Lao People's Democratic Republic", "Laos", "Lao PDR"],
  ["LV", "LVA", "EMEA", "Latvia"],
  ["LB", "LBN", "EMEA", "Lebanon"],
  ["LS", "LSO", "EMEA", "Lesotho"],
  ["LR", "LBR", "EMEA", "Liberia"],
  ["LY", "LBY", "EMEA", "Libya"],
  ["LI", "LIE", "EMEA", "Liechtenstein"],
  ["LT", "LTU", "EMEA", "Lithuania"],
  ["LU", "LUX", "EMEA", "Luxembourg"],
  ["MO", "MAC", "APAC", "Macao", "Macau", "Macao SAR", "Macao SAR China", "Macau SAR"],
  ["MG", "MDG", "EMEA", "Madagascar"],
  ["MW", "MWI", "EMEA", "Malawi"],
  ["MY", "MYS", "APAC", "Malaysia"],
  ["MV", "MDV", "APAC", "Maldives"],
  ["ML", "MLI", "EMEA", "Mali"],
  ["MT", "MLT", "EMEA", "Malta"],
  ["MH", "MHL", "APAC", "Marshall Islands"],
  ["MQ", "MTQ", "LATAM", "Martinique"],
  ["MR", "MRT", "EMEA", "Mauritania"],
  ["MU", "MUS", "EMEA", "Mauritius"],
  ["YT", "MYT", "EMEA", "Mayotte"],
  ["MX", "MEX", "LATAM", "Mexico"],
  ["FM", "FSM", "APAC", "Micronesia (Federated States of)", "Micronesia", "Micronesia, Federated States of"],
  ["MD", "MDA", "EMEA", "Moldova, Republic of", "Moldova", "Republic of Moldova"],
  ["MC", "MCO", "EMEA", "Monaco"],
  ["MN", "MNG", "APAC", "Mongolia"],
  ["ME", "MNE", "EMEA", "Montenegro"],
  ["MS", "MSR", "LATAM", "Montserrat"],
  ["MA", "MAR", "EMEA", "Morocco"],
  ["MZ", "MOZ", "EMEA", "Mozambique"],
  ["MM", "MMR", "APAC", "Myanmar", "Burma", "Myanmar (Burma)"],
  ["NA", "NAM", "EMEA", "Namibia"],
  ["NR", "NRU", "APAC", "Nauru"],
  ["NP", "NPL", "APAC", "Nepal"],
  ["NL", "NLD", "EMEA", "Netherlands, Kingdom of the", "Netherlands", "Kingdom of the Netherlands", "Holland", "Nederland"],
  ["NC", "NCL", "APAC", "New Caledonia"],
  ["NZ", "NZL", "APAC", "New Zealand"],
  ["NI", "NIC", "LATAM", "Nicaragua"],
  ["NE", "NER", "EMEA", "Niger"],
  ["NG", "NGA", "EMEA", "Nigeria"],
  ["NU", "NIU", "APAC", "Niue"],
  ["NF", "NFK", "APAC", "Norfolk Island"],
  [
    "MK",
    "MKD",
    "EMEA",
    "North Macedonia",
    "Macedonia",
    "Republic of North Macedonia",
    "Macedonia, the former Yugoslav Republic of",
    "The former Yugoslav Republic of Macedonia",
  ],
  ["MP", "MNP", "APAC", "Northern Mariana Islands"],
  ["NO", "NOR", "EMEA", "Norway", "Norge"],
  ["OM", "OMN", "EMEA", "Oman"],
  ["PK", "PAK", "APAC", "Pakistan"],
  ["PW", "PLW", "APAC", "Palau"],
  ["PS", "PSE", "EMEA", "Palestine, State of", "Palestine", "State of Palestine", "Palestinian Territories", "Palestinian Territory"],
  ["PA", "PAN", "LATAM", "Panama"],
  ["PG", "PNG", "APAC", "Papua New Guinea"],
  ["PY", "PRY", "LATAM", "Paraguay"],
  ["PE", "PER", "LATAM", "Peru"],
  ["PH", "PHL", "APAC", "Philippines"],
  ["PN", "PCN", "APAC", "Pitcairn", "Pitcairn Islands"],
  ["PL", "POL", "EMEA", "Poland", "Polska"],
  ["PT", "PRT", "EMEA", "Portugal"],
  ["PR", "PRI", "LATAM", "Puerto Rico"],
  ["QA", "QAT", "EMEA", "Qatar"],
  ["RE", "REU", "EMEA", "Réunion"],
  ["RO", "ROU", "EMEA", "Romania"],
  ["RU", "RUS", "EMEA", "Russian Federation", "Russia"],
  ["RW", "RWA", "EMEA", "Rwanda"],
  ["BL", "BLM", "LATAM", "Saint Barthélemy", "St Barts", "St Barths"],
  ["SH", "SHN", "EMEA", "Saint Helena, Ascension and Tristan da Cunha", "Saint Helena", "Ascension Island", "Tristan da Cunha"],
  ["KN", "KNA", "LATAM", "Saint Kitts and Nevis", "Saint Kitts"],
  ["LC", "LCA", "LATAM", "Saint Lucia"],
  ["MF", "MAF", "LATAM", "Saint Martin (French part)", "Saint Martin"],
  ["PM", "SPM", "NA", "Saint Pierre and Miquelon"],
  ["VC", "VCT", "LATAM", "Saint Vincent and the Grenadines", "Saint Vincent and Grenadines", "Saint Vincent"],
  ["WS", "WSM", "APAC", "Samoa"],
  ["SM", "SMR", "EMEA", "San Marino"],
  ["ST", "STP", "EMEA", "Sao Tome and Principe"],
  ["SA", "SAU", "EMEA", "Saudi Arabia", "Kingdom of Saudi Arabia", "KSA"],
  ["SN", "SEN", "EMEA", "Senegal"],
  ["RS", "SRB", "EMEA", "Serbia"],
  ["SC", "SYC", "EMEA", "Seychelles"],
  ["SL", "SLE", "EMEA", "Sierra Leone"],
  ["SG", "SGP", "APAC", "Singapore"],
  ["SX", "SXM", "LATAM", "Sint Maarten (Dutch part)", "Sint Maarten"],
  ["SK", "SVK", "EMEA", "Slovakia", "Slovak Republic"],
  ["SI", "SVN", "EMEA", "Slovenia"],
  ["SB", "SLB", "APAC", "Solomon Islands"],
  ["SO", "SOM", "EMEA", "Somalia"],
  ["ZA", "ZAF", "EMEA", "South Africa"],
  ["GS", "SGS", "LATAM", "South Georgia and the South Sandwich Islands", "South Georgia and South Sandwich Islands", "South Georgia"],
  ["SS", "SSD", "EMEA", "South Sudan"],
  ["ES", "ESP", "EMEA", "Spain", "España"],
  ["LK", "LKA", "APAC", "Sri Lanka"],
  ["SD", "SDN", "EMEA", "Sudan"],
  ["SR", "SUR", "LATAM", "Suriname", "Surinam"],
  ["SJ", "SJM", "EMEA", "Svalbard and Jan Mayen"],
  ["SE", "SWE", "EMEA", "Sweden", "Sverige"],
  ["CH", "CHE", "EMEA", "Switzerland", "Schweiz", "Suisse", "Svizzera"],
  ["SY", "SYR", "EMEA", "Syrian Arab Republic", "Syria"],
  ["TW", "TWN", "APAC", "Taiwan, Province of China", "Taiwan", "Taiwan (Province of China)", "Chinese Taipei"],
  ["TJ", "TJK", "EMEA", "Tajikistan"],
  ["TZ", "TZA", "EMEA", "Tanzania, United Republic of", "Tanzania", "United Republic of Tanzania"],
  ["TH", "THA", "APAC", "Thailand"],
  ["TL", "TLS", "APAC", "Timor-Leste", "East Timor"],
  ["TG", "TGO", "EMEA", "Togo"],
  ["TK", "TKL", "APAC", "Tokelau"],
  ["TO", "TON", "APAC", "Tonga"],
  ["TT", "TTO", "LATAM", "Trinidad and Tobago", "Trinidad"],
  ["TN", "TUN", "EMEA", "Tunisia"],
  ["TR", "TUR", "EMEA", "Türkiye", "Turkey", "Republic of Türkiye"],
  ["TM", "TKM", "EMEA", "Turkmenistan"],
  ["TC", "TCA", "LATAM", "Turks and Caicos Islands", "Turks and Caicos"],
  ["TV", "TUV", "APAC", "Tuvalu"],
  ["UG", "UGA", "EMEA", "Uganda"],
  ["UA", "UKR", "EMEA", "Ukraine"],
  ["AE", "ARE", "EMEA", "United Arab Emirates", "UAE", "Emirates"],
  [
    "GB",
    "GBR",
    "EMEA",
    "United Kingdom of Great Britain and Northern Ireland",
    "United Kingdom",
    "UK",
    "Great Britain",
    "Britain",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
  ],
  ["US", "USA", "NA", "United States of America", "United States", "America"],
  ["UM", "UMI", "APAC", "United States Minor Outlying Islands", "US Minor Outlying Islands", "US Outlying Islands"],
  ["UY", "URY", "LATAM", "Uruguay"],
  ["UZ", "UZB", "EMEA", "Uzbekistan"],
  ["VU", "VUT", "APAC", "Vanuatu"],
  ["VE", "VEN", "LATAM", "Venezuela (Bolivarian Republic of)", "Venezuela", "Venezuela, Bolivarian Republic of"],
  ["VN", "VNM", "APAC", "Viet Nam", "Vietnam"],
  ["VG", "VGB", "LATAM", "Virgin Islands (British)", "Virgin Islands, British", "British Virgin Islands"],
  ["VI", "VIR", "LATAM", "Virgin Islands (U.S.)", "Virgin Islands, U.S.", "U.S. Virgin Islands", "United States Virgin Islands"],
  ["WF", "WLF", "APAC", "Wallis and Futuna"],
  ["EH", "ESH", "EMEA", "Western Sahara"],
  ["YE", "YEM", "EMEA", "Yemen"],
  ["ZM", "ZMB", "EMEA", "Zambia"],
  ["ZW", "ZWE", "EMEA", "Zimbabwe"],
  // Not ISO-assigned, but XK/XKX is what every CRM and the EU use for Kosovo.
  ["XK", "XKX", "EMEA", "Kosovo"],
];

/**
 * Canonical lookup key: diacritics, periods and apostrophes stripped, "&" read as "and", hyphens
 * as spaces, whitespace collapsed, upper case, a leading "THE" dropped, and spelled-out initials
 * joined ("U S A" → "USA"). SQL callers should normalise with this before joining REGION_PRESET_ROWS.
 */
export function normaliseCountryKey(value: string): string {
  const words = value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[.'’‘`´]/g, "")
    .replace(/&/g, " and ")
    .replace(/[-‐‑–—_]/g, " ")
    .toUpperCase()
    .split(/\s+/)
    .filter((word) => word !== "");
  if (words.length > 1 && words[0] === "THE") words.shift();
  return words.every((word) => word.length === 1) ? words.join("") : words.join(" ");
}

/** Spelling variants generated for every name, so the table lists each name once. */
function variants(name: string): string[] {
  const key = normaliseCountryKey(name);
  return key.startsWith("SAINT ") ? [key, `ST ${key.slice("SAINT ".length)}`] : [key];
}

function buildRegionMap(): Map<string, Region> {
  const map = new Map<string, Region>();
  for (const [alpha2, alpha3, region, ...names] of COUNTRIES) {
    for (const key of [alpha2, alpha3, ...names.flatMap(variants)]) {
      const existing = map.get(key);
      // Two countries normalising to one key would silently misroute deals; fail at load instead.
      if (existing !== undefined && existing !== region) {
        throw new Error(`regions preset: key "${key}" maps to both ${existing} and ${region}`);
      }
      map.set(key, region);
    }
  }
  return map;
}

/** Normalised key (see normaliseCountryKey) → region, for every code, name and alias above. */
export const REGION_BY_COUNTRY: ReadonlyMap<string, Region> = buildRegionMap();

/** Every key as a row, sorted by key (code-unit order, locale-independent), for a SQL lookup table. */
export const REGION_PRESET_ROWS: readonly { key: string; region: Region }[] = [...REGION_BY_COUNTRY]
  .map(([key, region]) => ({ key, region }))
  .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** Region of a country name or ISO code; null for empty, missing or unrecognised input. */
export function regionForCountry(value: string | null | undefined): Region | null {
  if (value === null || value === undefined) return null;
  const key = normaliseCountryKey(value);
  return key === "" ? null : (REGION_BY_COUNTRY.get(key) ?? null);
}
