"""How much each generated page shows: the limits that keep every page within its size budget."""

# How many entries the home page and an agency's counterpart list show before "see all".
HOME_LIST_LENGTH = 8
COUNTERPARTS_SHOWN = 12
# Innovations named beside each counterpart agency; the rest are counted.
COUNTERPART_INNOVATIONS_SHOWN = 3
# Entries of each secondary list on a region page (adoptions, replications, briefs): the rest are
# on the linked pages; keeps region pages within their size budget at national scale.
REGION_LIST_LENGTH = 3
# Visits on a region's, an agency's, an innovation's or a brief's page, newest first; a region's are all on a page of
# their own, and every visit is in the visits index.
VISITS_SHOWN = 5
# Sources and agreements on a region page, newest first: a region that declares many agencies
# cites a source for each; all its sources are on a page of their own, all agreements in the index.
REGION_SOURCES_SHOWN = 4
REGION_AGREEMENTS_SHOWN = 3
# Visits on the home page, newest first; all of them are in the visits index.
HOME_VISITS_SHOWN = 5
# Visit briefs on the home page (the newest agreements' pairs first); every region page has its own.
HOME_BRIEFS_SHOWN = 5
# Innovations in the home page's "most studied" list.
MOST_STUDIED_SHOWN = 5
# Links drawn in a region's own learning-network picture (the busiest first).
REGION_NETWORK_EDGES = 12
# Beyond this many agencies a region page names them all by acronym (with their innovation counts),
# and their table with full names is a page of its own (a region has 30 to 45).
REGION_AGENCY_ROWS = 10
# A region page carries charts and its agency table too, so it lists fewer innovations; its
# further pages are plain listings, cut like every long listing (`page_cuts`: 20 to 40 items).
REGION_PAGE_SIZE = 10
# Links drawn in a learning-network picture; the busiest first, the rest are in the tables.
NETWORK_DRAWN_EDGES = 20
# Rows of the learning network's table; the busiest links come first. Fifteen keep the page in
# its budget whichever regions they name: 20 rows of long names were 25.1 KB at 30,000 innovations
# spread evenly (benchmarks/RESULTS.md).
NETWORK_TABLE_ROWS = 15


# A printed visit brief: for each agency of the delegation, the host innovations it should see first
# (the rest counted, all on the host agency's page); those described in full once each, then the
# host's others named only.
BRIEF_PER_AGENCY_SHOWN = 3
BRIEF_MATCHES_SHOWN = 12
BRIEF_OTHERS_SHOWN = 10

# Entries not checked against their sources for longer than this get a visible notice.
DEFAULT_STALE_AFTER_DAYS = 365
