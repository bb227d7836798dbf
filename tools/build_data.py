#!/usr/bin/env python3
"""Builds coverboard's bundled default data set (public/data/) from ../shared/data-sources/.

Run at development time only: `python3 tools/build_data.py [path/to/data-sources]`.
The app never reads ../shared at run time; the files it writes are committed.
Every figure keeps its status (verified / corroborated / derived / estimate / unverified) and
source. Nothing is invented: where a source gives only a month or a year, the date is written with
that precision and the app shows it as such.
"""
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "data-sources"))
OUT = os.path.join(HERE, "..", "public", "data")
YEARS = range(2015, 2022)


def read(rel):
    with open(os.path.join(SRC, rel), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(name, header, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {path}: {len(rows)} rows")


# ---------------------------------------------------------------- areas (pieces)
pieces = read("pieces/pieces.csv")
assert len(pieces) == 343, len(pieces)
area_header = ["piece_id", "lad_code", "lad_name", "ccg_code", "ccg_name", "stp_code", "stp_name",
               "region_code", "region_name"] + [f"pop_{y}" for y in YEARS] + [f"status_{y}" for y in YEARS]
area_rows = []
for p in pieces:
    # 'exact' years are sums of ONS LSOA estimates read from copies of the ONS files
    # (corroborated); the others apportion ONS LAD estimates (derived). pieces/README.md.
    statuses = ["corroborated" if p[f"method_{y}"] == "exact" else "derived" for y in YEARS]
    area_rows.append([p["piece_id"], p["lad21cd"], p["lad21nm"], p["ccg21cd"], p["ccg21nm"], p["stp21cd"],
                      p["stp21nm"], p["nhser21cd"], p["nhser21nm"]] + [p[f"pop_{y}"] for y in YEARS] + statuses)
england = {y: sum(int(p[f"pop_{y}"]) for p in pieces) for y in YEARS}
ons = {r["year"]: int(r["england_population"]) for r in read("england_population_ons.csv")}
for y in YEARS:
    if y == 2021:
        continue  # the ONS file holds the rounded 56,536,000; pieces give the exact 56,536,419
    assert england[y] == ons[str(y)], (y, england[y], ons[str(y)])

# ---------------------------------------------------------------- sites
SITE_HEADER = ["site_id", "name", "programme", "model", "wave", "live_from", "live_to", "footprint",
               "footprint_fit", "counts_population", "published_population", "published_population_status",
               "published_population_note", "date_status", "status", "source_url", "note"]
sites = []

# Vanguards: names/types/waves verified (NHS England type pages); footprints derived (pieces/README.md).
WAVE_DATE = {"PACS": "2015-03-10", "MCP": "2015-03-10", "EHCH": "2015-03-10",
             "UEC": "2015-07", "ACC": "2015-09-25"}
WAVE_NAME = {"PACS": "Wave 1 (10 Mar 2015)", "MCP": "Wave 1 (10 Mar 2015)", "EHCH": "Wave 1 (10 Mar 2015)",
             "UEC": "UEC (late Jul 2015)", "ACC": "ACC (25 Sep 2015)"}
# Status of each published population, from findings.md section 2b (V verified, C corroborated).
PUBLISHED_STATUS = {4: "verified", 6: "verified", 9: "corroborated", 12: "corroborated", 16: "corroborated",
                    17: "verified", 19: "verified", 24: "verified", 28: "corroborated", 38: "verified"}
compiled = {int(r["nhse_number"]): r for r in read("vanguards_compiled.csv")}
for v in read("pieces/vanguard_footprints.csv"):
    n = int(v["nhse_number"])
    c = compiled[n]
    model = v["type"]
    published = v["published_population"]
    pub_status = PUBLISHED_STATUS.get(n, "") if published else ""
    pub_note = v["published_population_kind"] if published else "not published / not found"
    footprint = v["footprint_codes"].strip()
    fit = v["coverage_of_footprint"] if footprint else "none"
    note = v["footprint_note"] or ""
    sites.append([f"V{n:02d}", v["name"], "vanguard", model, WAVE_NAME[model], WAVE_DATE[model], "",
                  footprint, fit, "yes" if v["population_counting"] == "population" else "no",
                  published, pub_status, pub_note,
                  "month only (late July 2015)" if model == "UEC" else "verified",
                  "derived; approximate" if "approximate" in v["status"] else "derived",
                  c["list_source_url"], note])

# ACS/ICS: stp_ics_designation.csv, one row per STP, with early part-STP systems as their own
# footprints (CCG level) until the whole STP joined.
def ics_status(row):
    s = row["status"]
    if s.startswith("DEDUCED"):
        return "derived"  # deduced by elimination (42 - final 13 - earlier 18), not read in a source
    if "england.nhs.uk" in row["source_url"]:
        return "verified"
    return "corroborated"

STP_DATE = {
    # source text -> date with its precision (YYYY, YYYY-MM or YYYY-MM-DD) and a word on it
    "E54000007": ("2017-06-15", "verified: first wave of 15 Jun 2017 named the two devolution areas"),
    "E54000052": ("2017-06-15", "verified: first wave of 15 Jun 2017 named the two devolution areas"),
    "E54000044": ("2019-06-19", "verified: announced 19 Jun 2019 at the NHS Confederation conference (LGC 20 Jun 2019)"),
    "E54000050": ("2019-06-19", "verified: announced 19 Jun 2019 at the NHS Confederation conference (LGC 20 Jun 2019)"),
    # King's Fund, 'A year of integrated care systems' (Sep 2018): L&SC recognised as the ICS by then.
    "E54000048": ("2018-01..2018-09", "range: in 2018, by September (King's Fund, 'A year of integrated care systems', Sep 2018); exact date not found"),
}
# The four 2020 ICSs: Sussex says 'April 2020'; Humber, Coast and Vale 'the announcement on 4th May';
# Carnall Farrar 'May 2020' for Herts and West Essex. The national announcement's day was not found.
DATE_2020 = ("2020-04..2020-05", "range: April-May 2020 (Sussex: April 2020; Humber, Coast and Vale: 4 May); national date not found")
# 'NHS chief confirms 11 new ICSs' is dated December 2020; NHS England South West's release about four
# of the same systems is dated 3 Dec 2020.
DATE_DEC_2020 = ("2020-12-03", "day from NHS England South West release of 3 Dec 2020; national release dated Dec 2020")
SUB_AREAS = [
    # site_id, name, stp, footprint (CCG codes, April 2021), from, to, note
    ("I-BW", "Berkshire West ACS (first wave)", "E54000044", "E38000221", "2017-06-15", "2019-06-19",
     "first-wave ACS; part of the BOB STP until the BOB-wide ICS of June 2019"),
    ("I-BU", "Buckinghamshire ACS (first wave)", "E54000044", "E38000223", "2017-06-15", "2019-06-19",
     "first-wave ACS; part of the BOB STP until the BOB-wide ICS of June 2019"),
    ("I-BF", "Blackpool and Fylde Coast ACS (first wave)", "E54000048", "E38000015;E38000226", "2017-06-15", "2018-01..2018-09",
     "first-wave ACS sub-area of Lancashire and South Cumbria until the STP-wide shadow ICS of 2018"),
    ("I-CU", "West, North and East Cumbria ICS", "E54000050", "E38000215", "2018-05-24", "2019-06-19",
     "second ICS wave; part of Cumbria and North East until the NENC-wide ICS of June 2019"),
]
designation = read("stp_ics_designation.csv")
assert len(designation) == 42
by_stp = {r["stp21cd"]: r for r in designation}
for r in designation:
    code = r["stp21cd"]
    raw = r["ics_date"]
    if code in STP_DATE:
        date, date_status = STP_DATE[code]
    elif raw.startswith("2020 ("):
        date, date_status = DATE_2020
    elif raw == "2020-12":
        date, date_status = DATE_DEC_2020
    else:
        date, date_status = raw[:10], "verified"
    if r["status"].startswith("DEDUCED"):
        date_status = "deduced by elimination: " + date_status
    assert len(date) in (4, 7, 10, 16), (code, raw)
    sites.append([f"I-{code}", r["stp21nm"], "ics", "ICS", r["event"], date, "", code, "whole", "yes",
                  "", "", r["population_published"] or "not published / not found", date_status,
                  ics_status(r), r["source_url"], f"source date text: {raw}"])
for sid, name, stp, fp, start, end, note in SUB_AREAS:
    r = by_stp[stp]
    sites.append([sid, name, "ics", "ICS", "first systems (part of an STP)", start, end, fp, "whole", "yes",
                  "", "", "not published / not found", "verified",
                  ics_status(r), r["source_url"], note])

# ---------------------------------------------------------------- milestones and events
# kind: 'milestone' (a published coverage figure) or 'event' (policy event, no figure).
# definition says which sites the published figure is about, so it can be compared like with like.
MS_HEADER = ["date", "kind", "label", "definition", "comparator", "population", "share", "status",
             "source_title", "publisher", "url", "note"]
milestones = [
    ["2014-10", "event", "Five Year Forward View sets out new care models", "", "", "", "", "verified",
     "Five Year Forward View", "NHS England", "https://www.england.nhs.uk/ourwork/futurenhs/nhs-five-year-forward-view-web-version/",
     "no 50% figure found in the FYFV text read"],
    ["2015-03-10", "milestone", "First 29 vanguards: more than 5 million people", "PACS;MCP;EHCH", ">", "5000000", "",
     "verified", "NHS England announcement (10 Mar 2015), quoted by NHS North Cumbria CCG", "NHS England",
     "http://northcumbriaccg.nhs.uk/news/2015/january/better-care-together-to-lead-nhs-into-new-era-of-patient-care.aspx", ""],
    ["2015-07", "milestone", "8 urgent and emergency care vanguards: more than 9 million people", "UEC", ">", "9000000", "",
     "verified", "GP Online / Peterborough Today / Yorkshire Post reporting NHS England", "NHS England",
     "https://www.gponline.com/new-vanguard-areas-link-gp-out-of-hours-urgent-emergency-care/article/1357475",
     "late July 2015; 'transform urgent and emergency care for more than 9 million people'"],
    ["2015-09-25", "event", "13 acute care collaborations: 50 vanguards in all", "", "", "", "", "verified",
     "Healthcare Leader / National Health Executive", "", "https://healthcareleadernews.com/news/end-of-go-it-alone-hospitals-as-new-vanguards-announced/", ""],
    ["2016-03", "event", "44 STP footprints agreed", "", "", "", "", "verified",
     "HoC Health Committee 'Integrated care' (2018)", "House of Commons",
     "https://publications.parliament.uk/pa/cm201719/cmselect/cmhealth/650/65007.htm", "footprints submitted by end Jan 2016"],
    ["2016-06-07", "milestone", "PACS, MCP and EHCH vanguards: more than 5 million people", "PACS;MCP;EHCH", ">", "5000000", "",
     "verified", "New models of care programme for PACS and MCPs (slides; L. Watson)", "NHS England",
     "https://pdfslide.us/download/link/new-models-of-care-programme-for-pacs-and-mcps-vanguards-identified-new-care.html", ""],
    ["2017-06-15", "milestone", "First ACSs: around one in six people in England", "ICS", "~", "", "0.1667", "verified",
     "Accountable care systems", "NHS England", "https://www.england.nhs.uk/accountable-care-systems/",
     "another source (the-cho) says 'seven million' for nine areas; the two framings disagree"],
    ["2018-03-31", "event", "National new care models programme ends", "", "", "", "", "verified",
     "Some assembly required (Health Foundation)", "Health Foundation",
     "https://reader.health.org.uk/0-some-assembly-required/1-introduction", "the programme was due to end in March 2018; STPs/ACSs carried the models on"],
    ["2018-06-29", "event", "NAO: new care models expected to cover 50% of the population by 2020/21", "", "", "", "", "verified",
     "Developing new care models through NHS vanguards (HC 1129)", "National Audit Office",
     "https://www.nao.org.uk/press-release/developing-new-care-models-through-nhs-vanguards/", "wording via Wilmington Healthcare summary"],
    ["2019-01-07", "event", "NHS Long Term Plan: ICSs to cover all England by April 2021", "", "", "", "", "verified",
     "The NHS long-term plan explained", "King's Fund", "https://www.kingsfund.org.uk/publications/nhs-long-term-plan-explained",
     "the 50% new-care-model target was superseded by 100% ICS coverage"],
    ["2019-06-19", "milestone", "14 ICSs: 21 million people, more than a third", "ICS", "~", "21000000", "", "verified",
     "Three new integrated care systems announced", "HSJ / LGC",
     "https://www.hsj.co.uk/policy-and-regulation/three-new-integrated-care-systems-announced/7025361.article", ""],
    ["2020-04..2020-05", "milestone", "18 ICSs: about half of England", "ICS", "~", "", "0.5", "verified",
     "NHS England confirms four new ICSs", "PharmaTimes / HSJ", "http://www.pharmatimes.com/news/nhs_england_confirms_four_new_icss_1340155",
     "April-May 2020: the national announcement's day was not found (Sussex: April 2020; Humber, Coast and Vale: 4 May)"],
    ["2020-12-03", "milestone", "29 ICSs: more than 35 million people, more than 60%", "ICS", ">", "35000000", "0.6", "verified",
     "NHS chief confirms 11 new integrated care systems serving 14 million people", "NHS England",
     "https://www.england.nhs.uk/2020/12/nhs-chief-confirms-11-new-integrated-care-systems-serving-14-million-people/", "day from NHS England South West release of 3 Dec 2020"],
    ["2021-04-01", "milestone", "42 ICSs: the whole of England", "ICS", "=", "", "1", "verified",
     "Landmark NHS Long Term Plan ICS milestone", "National Health Executive",
     "https://nationalhealthexecutive.com/articles/landmark-nhs-long-term-plan-ICS", ""],
]

# ---------------------------------------------------------------- manifest
manifest = {
    "title": "Population covered by the NHS new care models",
    "data_as_at": "2022-07-01",
    "compiled": "2026-11-23",
    "files": {"areas": "areas.csv", "sites": "sites.csv", "milestones": "milestones.csv"},
    "target": {
        "share": 0.5,
        "date": "2021-03-31",
        "label": "Half of England covered by new care models by 2020/21",
        "status": "verified",
        "source": "DH/NHS England ambition, as reported by the National Audit Office, 'Developing new care models through NHS vanguards' (HC 1129, June 2018) and the Health Foundation, 'Some assembly required' (2017/18)",
        "url": "https://www.nao.org.uk/press-release/developing-new-care-models-through-nhs-vanguards/",
    },
    "population_source": "Office for National Statistics mid-year population estimates (original series 2015-2020; 2021 Census-based), licensed under the Open Government Licence v3.0",
    "attribution": "Contains public sector information licensed under the Open Government Licence v3.0. Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2021.",
}

os.makedirs(OUT, exist_ok=True)
write("areas.csv", area_header, area_rows)
write("sites.csv", SITE_HEADER, sites)
write("milestones.csv", MS_HEADER, milestones)
with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
    json.dump(manifest, f, indent=2, ensure_ascii=False)
    f.write("\n")
print("england", england)

# ---------------------------------------------------------------- boundaries for the map view
# Copied unchanged (WGS84 lon/lat GeoJSON, ONS / OGL v3.0; see boundaries/README.md). The app fetches
# them only when the map is opened; codes are in `stp21_code` and `nhser21cd`.
import shutil  # noqa: E402

for src_rel, out_name in [
    ("boundaries/stp_april2021_buc.geojson", "stp.geojson"),
    ("boundaries/nhs_regions7_2021_dissolved_from_stp.geojson", "regions.geojson"),
]:
    shutil.copyfile(os.path.join(SRC, src_rel), os.path.join(OUT, out_name))
    print(f"copied {src_rel} -> {os.path.join(OUT, out_name)}")
