import { describe, expect, it } from "vitest";
import { REGION_BY_COUNTRY, REGION_PRESET_ROWS, normaliseCountryKey, regionForCountry } from "../src/segments/regions.js";

// The 249 ISO 3166-1 alpha-2 codes, laid out as in the ISO decoding grid (first letter A…Z).
const ALPHA2 = `
  AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
  BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
  CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
  DE DJ DK DM DO DZ
  EC EE EG EH ER ES ET
  FI FJ FK FM FO FR
  GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
  HK HM HN HR HT HU
  ID IE IL IM IN IO IQ IR IS IT
  JE JM JO JP
  KE KG KH KI KM KN KP KR KW KY KZ
  LA LB LC LI LK LR LS LT LU LV LY
  MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
  NA NC NE NF NG NI NL NO NP NR NU NZ
  OM
  PA PE PF PG PH PK PL PM PN PR PS PT PW PY
  QA
  RE RO RS RU RW
  SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
  TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
  UA UG UM US UY UZ
  VA VC VE VG VI VN VU
  WF WS
  YE YT
  ZA ZM ZW
`
  .trim()
  .split(/\s+/);

// alpha-2:alpha-3:UN M49 sub-region ("-" = no M49 region), from the ISO 3166-1 / UN M49 table
// published at github.com/lukes/ISO-3166-Countries-with-Regional-Codes (all/all.csv).
const ISO_M49 = `
  AF:AFG:034 AX:ALA:154 AL:ALB:039 DZ:DZA:015 AS:ASM:061 AD:AND:039 AO:AGO:017 AI:AIA:029 AQ:ATA:- AG:ATG:029
  AR:ARG:005 AM:ARM:145 AW:ABW:029 AU:AUS:053 AT:AUT:155 AZ:AZE:145 BS:BHS:029 BH:BHR:145 BD:BGD:034 BB:BRB:029
  BY:BLR:151 BE:BEL:155 BZ:BLZ:013 BJ:BEN:011 BM:BMU:021 BT:BTN:034 BO:BOL:005 BQ:BES:029 BA:BIH:039 BW:BWA:018
  BV:BVT:- BR:BRA:005 IO:IOT:- BN:BRN:035 BG:BGR:151 BF:BFA:011 BI:BDI:014 KH:KHM:035 CM:CMR:017 CA:CAN:021
  CV:CPV:011 KY:CYM:029 CF:CAF:017 TD:TCD:017 CL:CHL:005 CN:CHN:030 CX:CXR:- CC:CCK:- CO:COL:005 KM:COM:014
  CG:COG:017 CD:COD:017 CK:COK:061 CR:CRI:013 CI:CIV:011 HR:HRV:039 CU:CUB:029 CW:CUW:029 CY:CYP:145 CZ:CZE:151
  DK:DNK:154 DJ:DJI:014 DM:DMA:029 DO:DOM:029 EC:ECU:005 EG:EGY:015 SV:SLV:013 GQ:GNQ:017 ER:ERI:014 EE:EST:154
  ET:ETH:014 FK:FLK:005 FO:FRO:154 FJ:FJI:054 FI:FIN:154 FR:FRA:155 GF:GUF:005 PF:PYF:061 TF:ATF:- GA:GAB:017
  GM:GMB:011 GE:GEO:145 DE:DEU:155 GH:GHA:011 GI:GIB:039 GR:GRC:039 GL:GRL:021 GD:GRD:029 GP:GLP:029 GU:GUM:057
  GT:GTM:013 GG:GGY:154 GN:GIN:011 GW:GNB:011 GY:GUY:005 HT:HTI:029 HM:HMD:- VA:VAT:039 HN:HND:013 HK:HKG:030
  HU:HUN:151 IS:ISL:154 IN:IND:034 ID:IDN:035 IR:IRN:034 IQ:IRQ:145 IE:IRL:154 IM:IMN:154 IL:ISR:145 IT:ITA:039
  JM:JAM:029 JP:JPN:030 JE:JEY:154 JO:JOR:145 KZ:KAZ:143 KE:KEN:014 KI:KIR:057 KP:PRK:030 KR:KOR:030 KW:KWT:145
  KG:KGZ:143 LA:LAO:035 LV:LVA:154 LB:LBN:145 LS:LSO:018 LR:LBR:011 LY:LBY:015 LI:LIE:155 LT:LTU:154 LU:LUX:155
  MO:MAC:030 MK:MKD:039 MG:MDG:014 MW:MWI:014 MY:MYS:035 MV:MDV:034 ML:MLI:011 MT:MLT:039 MH:MHL:057 MQ:MTQ:029
  MR:MRT:011 MU:MUS:014 YT:MYT:014 MX:MEX:013 FM:FSM:057 MD:MDA:151 MC:MCO:155 MN:MNG:030 ME:MNE:039 MS:MSR:029
  MA:MAR:015 MZ:MOZ:014 MM:MMR:035 NA:NAM:018 NR:NRU:057 NP:NPL:034 NL:NLD:155 NC:NCL:054 NZ:NZL:053 NI:NIC:013
  NE:NER:011 NG:NGA:011 NU:NIU:061 NF:NFK:053 MP:MNP:057 NO:NOR:154 OM:OMN:145 PK:PAK:034 PW:PLW:057 PS:PSE:145
  PA:PAN:013 PG:PNG:054 PY:PRY:005 PE:PER:005 PH:PHL:035 PN:PCN:061 PL:POL:151 PT:PRT:039 PR:PRI:029 QA:QAT:145
  RE:REU:014 RO:ROU:151 RU:RUS:151 RW:RWA:014 BL:BLM:029 SH:SHN:011 KN:KNA:029 LC:LCA:029 MF:MAF:029 PM:SPM:021
  VC:VCT:029 WS:WSM:061 SM:SMR:039 ST:STP:017 SA:SAU:145 SN:SEN:011 RS:SRB:039 SC:SYC:014 SL:SLE:011 SG:SGP:035
  SX:SXM:029 SK:SVK:151 SI:SVN:039 SB:SLB:054 SO:SOM:014 ZA:ZAF:018 GS:SGS:- SS:SSD:014 ES:ESP:039 LK:LKA:034
  SD:SDN:015 SR:SUR:005 SJ:SJM:154 SZ:SWZ:018 SE:SWE:154 CH:CHE:155 SY:SYR:145 TW:TWN:030 TJ:TJK:143 TZ:TZA:014
  TH:THA:035 TL:TLS:035 TG:TGO:011 TK:TKL:061 TO:TON:061 TT:TTO:029 TN:TUN:015 TR:TUR:145 TM:TKM:143 TC:TCA:029
  TV:TUV:061 UG:UGA:014 UA:UKR:151 AE:ARE:145 GB:GBR:154 US:USA:021 UM:UMI:- UY:URY:005 UZ:UZB:143 VU:VUT:054
  VE:VEN:005 VN:VNM:035 VG:VGB:029 VI:VIR:029 WF:WLF:061 EH:ESH:015 YE:YEM:145 ZM:ZMB:014 ZW:ZWE:014
`
  .trim()
  .split(/\s+/)
  .map((token) => token.split(":") as [string, string, string]);

// The preset's documented rule expressed on UN M49 sub-regions.
const REGION_BY_M49: Record<string, string> = {
  "021": "NA", // Northern America (US, CA, BM, GL, PM)
  "029": "LATAM",
  "013": "LATAM",
  "005": "LATAM", // Caribbean, Central America, South America
  "154": "EMEA",
  "155": "EMEA",
  "151": "EMEA",
  "039": "EMEA", // Europe
  "015": "EMEA",
  "011": "EMEA",
  "017": "EMEA",
  "014": "EMEA",
  "018": "EMEA", // Africa
  "145": "EMEA",
  "143": "EMEA", // Western Asia (Middle East, Caucasus, Türkiye, Cyprus), Central Asia
  "034": "APAC",
  "030": "APAC",
  "035": "APAC", // Southern, Eastern, South-eastern Asia
  "053": "APAC",
  "054": "APAC",
  "057": "APAC",
  "061": "APAC", // Oceania
};
// Documented departures: Iran is M49 Southern Asia but sold as Middle East; territories without an M49 region.
const EXCEPTIONS: Record<string, string> = {
  IR: "EMEA",
  AQ: "APAC",
  BV: "EMEA",
  IO: "APAC",
  CX: "APAC",
  CC: "APAC",
  TF: "EMEA",
  HM: "APAC",
  GS: "LATAM",
  UM: "APAC",
};

describe("regions preset: ISO coverage", () => {
  it("embeds 249 distinct alpha-2 codes in both independent lists", () => {
    expect(new Set(ALPHA2).size).toBe(249);
    expect(ISO_M49.map(([alpha2]) => alpha2).sort()).toEqual([...ALPHA2].sort());
  });

  it.each(ALPHA2)("alpha-2 %s maps to a region", (code) => {
    expect(["NA", "LATAM", "EMEA", "APAC"]).toContain(regionForCountry(code));
  });

  it.each(ISO_M49)("%s / %s follows the documented rule (M49 %s)", (alpha2, alpha3, m49) => {
    const expected = EXCEPTIONS[alpha2] ?? REGION_BY_M49[m49];
    expect(expected).toBeDefined();
    expect(regionForCountry(alpha2)).toBe(expected);
    expect(regionForCountry(alpha3)).toBe(expected);
    expect(regionForCountry(alpha3.toLowerCase())).toBe(expected);
  });

  it("matches every English country name from CLDR (Intl.DisplayNames)", () => {
    const names = new Intl.DisplayNames(["en"], { type: "region" });
    const misses = ALPHA2.filter((code) => regionForCountry(names.of(code)) !== regionForCountry(code));
    expect(misses.map((code) => `${code}: ${names.of(code)}`)).toEqual([]);
  });
});

describe("regions preset: spot checks", () => {
  it.each([
    // NA
    ["US", "NA"],
    ["USA", "NA"],
    ["CA", "NA"],
    ["CAN", "NA"],
    ["BMU", "NA"],
    ["GRL", "NA"],
    // LATAM
    ["MX", "LATAM"],
    ["MEX", "LATAM"],
    ["BR", "LATAM"],
    ["BRA", "LATAM"],
    ["ARG", "LATAM"],
    ["CL", "LATAM"],
    ["COL", "LATAM"],
    ["PE", "LATAM"],
    ["CRI", "LATAM"],
    ["PAN", "LATAM"],
    ["JM", "LATAM"],
    ["PRI", "LATAM"],
    ["TTO", "LATAM"],
    ["GUF", "LATAM"],
    // EMEA
    ["GB", "EMEA"],
    ["GBR", "EMEA"],
    ["DE", "EMEA"],
    ["DEU", "EMEA"],
    ["FRA", "EMEA"],
    ["NLD", "EMEA"],
    ["CHE", "EMEA"],
    ["RU", "EMEA"],
    ["RUS", "EMEA"],
    ["TUR", "EMEA"],
    ["ISR", "EMEA"],
    ["ARE", "EMEA"],
    ["SAU", "EMEA"],
    ["QAT", "EMEA"],
    ["EGY", "EMEA"],
    ["ZAF", "EMEA"],
    ["NGA", "EMEA"],
    ["KEN", "EMEA"],
    ["KAZ", "EMEA"],
    ["NAM", "EMEA"],
    // APAC
    ["IN", "APAC"],
    ["IND", "APAC"],
    ["CN", "APAC"],
    ["CHN", "APAC"],
    ["JPN", "APAC"],
    ["KOR", "APAC"],
    ["PRK", "APAC"],
    ["AUS", "APAC"],
    ["NZL", "APAC"],
    ["SGP", "APAC"],
    ["IDN", "APAC"],
    ["PHL", "APAC"],
    ["VNM", "APAC"],
    ["PAK", "APAC"],
    ["FJI", "APAC"],
    ["GUM", "APAC"],
    ["TWN", "APAC"],
    ["HKG", "APAC"],
  ])("%s → %s", (code, region) => {
    expect(regionForCountry(code)).toBe(region);
  });
});

describe("regions preset: aliases", () => {
  it.each([
    ["United States of America", "NA"],
    ["United States", "NA"],
    ["USA", "NA"],
    ["U.S.", "NA"],
    ["U.S.A.", "NA"],
    ["America", "NA"],
    ["Canada", "NA"],
    ["Bermuda", "NA"],
    ["UK", "EMEA"],
    ["U.K.", "EMEA"],
    ["Great Britain", "EMEA"],
    ["England", "EMEA"],
    ["Scotland", "EMEA"],
    ["Wales", "EMEA"],
    ["Northern Ireland", "EMEA"],
    ["Russia", "EMEA"],
    ["Czechia", "EMEA"],
    ["Czech Republic", "EMEA"],
    ["Türkiye", "EMEA"],
    ["Turkey", "EMEA"],
    ["UAE", "EMEA"],
    ["Holland", "EMEA"],
    ["The Netherlands", "EMEA"],
    ["Ivory Coast", "EMEA"],
    ["Côte d'Ivoire", "EMEA"],
    ["Cote dIvoire", "EMEA"],
    ["Swaziland", "EMEA"],
    ["Macedonia", "EMEA"],
    ["DRC", "EMEA"],
    ["Cape Verde", "EMEA"],
    ["Kosovo", "EMEA"],
    ["Iran", "EMEA"],
    ["South Korea", "APAC"],
    ["Korea, Republic of", "APAC"],
    ["Korea", "APAC"],
    ["North Korea", "APAC"],
    ["Viet Nam", "APAC"],
    ["Vietnam", "APAC"],
    ["Burma", "APAC"],
    ["Laos", "APAC"],
    ["East Timor", "APAC"],
    ["Taiwan", "APAC"],
    ["Hong Kong SAR", "APAC"],
    ["Macau", "APAC"],
    ["Mexico", "LATAM"],
    ["México", "LATAM"],
    ["Brasil", "LATAM"],
    ["Bolivia", "LATAM"],
    ["Venezuela", "LATAM"],
    ["St Lucia", "LATAM"],
    ["Saint Vincent and the Grenadines", "LATAM"],
    ["Curacao", "LATAM"],
    ["Puerto Rico", "LATAM"],
  ])("%s → %s", (name, region) => {
    expect(regionForCountry(name)).toBe(region);
  });
});

describe("regions preset: normalisation", () => {
  it.each([
    ["  united   states  ", "UNITED STATES"],
    ["U. S. A.", "USA"],
    ["Côte d’Ivoire", "COTE DIVOIRE"],
    ["St. Kitts & Nevis", "ST KITTS AND NEVIS"],
    ["Guinea-Bissau", "GUINEA BISSAU"],
    ["the Gambia", "GAMBIA"],
    ["Åland\tIslands", "ALAND ISLANDS"],
  ])("%j → %j", (input, key) => {
    expect(normaliseCountryKey(input)).toBe(key);
  });

  it("is case-, accent- and spacing-insensitive", () => {
    for (const input of ["germany", "GERMANY", " Germany ", "de", "deu", "Deutschland"]) expect(regionForCountry(input)).toBe("EMEA");
    expect(regionForCountry("reunion")).toBe("EMEA");
    expect(regionForCountry("SAO TOMÉ & PRÍNCIPE")).toBe("EMEA");
  });

  it("does not guess: misspellings, blanks and unknowns are null", () => {
    expect(regionForCountry("Philipines")).toBeNull();
    expect(regionForCountry("Germnay")).toBeNull();
    expect(regionForCountry("Europe")).toBeNull();
    expect(regionForCountry("N/A")).toBeNull();
    expect(regionForCountry("")).toBeNull();
    expect(regionForCountry("   ")).toBeNull();
    expect(regionForCountry(null)).toBeNull();
    expect(regionForCountry(undefined)).toBeNull();
  });
});

describe("regions preset: lookup rows", () => {
  it("lists every key once, sorted, with the map's region", () => {
    const keys = REGION_PRESET_ROWS.map((row) => row.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(REGION_BY_COUNTRY.size);
    expect([...keys].sort()).toEqual(keys);
    for (const row of REGION_PRESET_ROWS) expect(REGION_BY_COUNTRY.get(row.key)).toBe(row.region);
  });

  it("keys are already normalised, so SQL can join on the normalised value", () => {
    for (const { key } of REGION_PRESET_ROWS) expect(normaliseCountryKey(key)).toBe(key);
  });

  it("uses only the four regions", () => {
    expect(new Set(REGION_PRESET_ROWS.map((row) => row.region))).toEqual(new Set(["NA", "LATAM", "EMEA", "APAC"]));
  });
});
