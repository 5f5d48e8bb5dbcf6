// Files as a DevRel team keeps them in a handbook repository. Every expected count in the tests is
// worked out by hand in the comments here.

/**
 * A heroes activity log, list under one top-level key. October 2026 in Europe/Berlin is
 * [2026-09-30T22:00Z, 2026-10-31T23:00Z) (CEST until Oct 25, then CET).
 */
export const HEROES_YAML = `# Heroes activity log — one entry per activity
activities:
  - date: 2026-09-30          # September: out
    type: talk
    hero: alice
  - date: 2026-10-01          # in (talk)
    type: talk
    hero: bob
  - date: 2026-10-15          # in (blog)
    type: blog
    hero: carol
  - date: 2026-10-31          # in (talk)
    type: talk
    hero: alice
  - date: 2026-11-01          # November: out
    type: talk
    hero: dave
  - date: 2026-10-31T22:30:00Z  # 23:30 in Berlin: in (workshop)
    type: workshop
    hero: erin
  - date: 2026-09-30T22:30:00Z  # 00:30 on Oct 1 in Berlin: in (talk)
    type: talk
    hero: frank
  - type: talk                # no date: skipped (talk)
    hero: gina
  - date: soon                # not a date: skipped (blog)
    type: blog
    hero: hugo
  - date: 2026-02-30          # no such day: skipped (talk)
    type: talk
    hero: ivan
`;
// All of October: 2026-10-01, 10-15, 10-31, 10-31T22:30Z, 09-30T22:30Z = 5; 3 skipped.
// type talk: 10-01, 10-31, 09-30T22:30Z = 3; skipped talks: gina, ivan = 2.
// type blog: 10-15 = 1; skipped blogs: hugo = 1.

/** The same kind of log as a plain list at the top level, with list-valued tags. */
export const EVENTS_YAML = `- date: 2026-10-02
  tags: [talk, video]
  public: true
- date: 2026-10-20
  tags: [blog]
  public: false
- date: 2026-10-28
  tags: talk
  public: true
`;
// tags talk: 10-02 (list contains it), 10-28 (scalar) = 2. public true = 2.

/** A CSV activity log; values are strings, so where { public: true } must match "true". */
export const HEROES_CSV = `date,type,hero,title,public
2026-10-03,talk,alice,"Intro, to CI",true
2026-10-12,blog,bob,Pipelines,false
2026-10-31,talk,carol,Runners,true
2026-11-01,talk,dave,Next month,true
,talk,erin,No date,true
2026-13-01,blog,frank,Bad month,true
`;
// October: 10-03, 10-12, 10-31 = 3; skipped: erin, frank = 2.
// type talk: 10-03, 10-31 = 2; skipped talk: erin = 1. public true: 10-03, 10-31 = 2; skipped: erin, frank = 2.

/** Instants and days around the edges of October. */
export const BOUNDARY_YAML = `- { date: "2026-09-30T22:30:00Z" }       # Berlin Oct 1 00:30 | UTC Sep 30 | Tokyo Oct 1 07:30
- { date: "2026-10-31T23:30:00Z" }       # Berlin Nov 1 00:30 | UTC Oct 31 | Tokyo Nov 1
- { date: "2026-10-31T22:59:59Z" }       # Berlin Oct 31 23:59:59 | UTC Oct 31 | Tokyo Nov 1
- { date: "2026-10-31T23:00:00Z" }       # Berlin Nov 1 00:00 exactly | UTC Oct 31 | Tokyo Nov 1
- { date: 2026-10-01 }                   # the local day Oct 1 everywhere
- { date: 2026-10-31 }                   # the local day Oct 31 everywhere
- { date: "2026-10-31T23:30:00" }        # local wall time, no offset: the day Oct 31 everywhere
- { date: "2026-11-01T00:30:00+01:00" }  # = 2026-10-31T23:30Z: Berlin Nov | UTC Oct | Tokyo Nov
- { date: 2026-09-30 }                   # the local day Sep 30: out everywhere
- { date: 2026-11-01 }                   # the local day Nov 1: out everywhere
`;
// Europe/Berlin: #1 #3 #5 #6 #7 = 5. UTC: #2 #3 #4 #5 #6 #7 #8 = 7. Asia/Tokyo: #1 #5 #6 #7 = 4.
