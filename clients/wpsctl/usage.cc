#include "clients/wpsctl/usage.h"

namespace wps::wpsctl {

const char kUsage[] = R"(wpsctl: command-line client of the WPS Roster of women mediators.

Usage: wpsctl [flags] COMMAND [ARGS...]

Commands:
  import FILE.csv [--errors=ERRORS.csv]
      Upsert mediators from a CSV file ('-' for stdin); valid rows are kept, bad rows reported.
      e.g. wpsctl import roster.csv --errors=rejected.csv
  export [--network=N] [--out=FILE.csv]
      Write every live mediator (of one network) as CSV to stdout or FILE.
      e.g. wpsctl export --network=nordic > nordic.csv
  get NAME
      Show one mediator (networks/N/mediators/ID, or N/ID).
      e.g. wpsctl get networks/nordic/mediators/ingrid-hansen-1a3f
  create PARENT --file=MEDIATOR.json [--id=ID]
      Create a mediator in a network from proto-JSON ('-' for stdin).
      e.g. wpsctl create nordic --file=ingrid.json --id=ingrid-hansen
  update NAME --file=MEDIATOR.json [--update_mask=a,b] [--etag=E]
      Replace the listed fields (all writable fields when no mask) of a mediator.
      e.g. wpsctl update nordic/ingrid-hansen --file=patch.json --update_mask=availability,bio
  delete NAME [--etag=E]
      Soft-delete a mediator (kept, hidden from search and shortlists).
      e.g. wpsctl delete nordic/ingrid-hansen
  undelete NAME
      Restore a soft-deleted mediator.
      e.g. wpsctl undelete nordic/ingrid-hansen
  list [PARENT] [--show_deleted] [--page_size=N] [--limit=N]
      List the mediators of a network (all networks when PARENT is '-' or absent).
      e.g. wpsctl list networks/femwise-africa --limit=20
  search [QUERY...] [--language=ar:C1,en] [--region=SD,015] [--expertise=ddr,ssr] [--role=mediator]
         [--network=N,...] [--availability=available,limited] [--facets=languages,regions,...]
         [--limit=N] [--page_size=N]
      Find live mediators: QUERY words match names and bio (any case, accents, word prefixes);
      filters combine with AND; each list matches any of its values, but every --language must
      hold (at MIN_LEVEL or above: A1..C2, native). Shows the first 20 matches (--limit=N for N,
      --limit=0 for all), the facet counts and the number of matches.
      e.g. wpsctl search sigurd --language=ar:C1,en --region=015 --facets=languages,expertise
  shortlist --file=REQUEST.json
      Rank candidates by the ranking rule of API.md from a proto-JSON ShortlistRequest ('-' for
      stdin), e.g. {"process": "processes/sudan", "requiredLanguages": [{"code": "ar",
      "minLevel": "C1"}], "preferredExpertise": ["power-sharing"], "count": 10}. The server
      stores the shortlist.
      e.g. wpsctl shortlist --file=sudan-request.json
  shortlist get NAME
      Show a stored shortlist (shortlists/ID or ID).
      e.g. wpsctl shortlist get shortlists/0k2x5f7q1c8-a3zd
  shortlist list [--process=P] [--limit=N]
      List the stored shortlists, oldest first (only those asked for process P).
      e.g. wpsctl shortlist list --process=sudan
  process create --file=PROCESS.json [--id=ID]
      Create a peace process from proto-JSON ('-' for stdin), e.g. {"displayName": "Sudan talks",
      "countries": ["SD"], "workingLanguages": ["ar", "en"], "stage": "negotiation"}.
      e.g. wpsctl process create --file=sudan.json --id=sudan
  process get NAME
      Show one peace process (processes/ID or ID).
      e.g. wpsctl process get sudan
  process list [--limit=N]
      List the peace processes.
      e.g. wpsctl process list --output=csv
  process update NAME --file=PROCESS.json [--update_mask=a,b] [--etag=E]
      Replace the listed fields (all writable fields when no mask) of a peace process.
      e.g. wpsctl process update sudan --file=patch.json --update_mask=stage,expertise_needed
  network create ID --display_name="..." --chapters=NO,SE
      Create a network.
      e.g. wpsctl network create nordic --display_name="Nordic Women Mediators" --chapters=NO,SE,DK,FI,IS
  network create-sample
      Create the six Global Alliance networks of the sample roster (those missing).
      e.g. wpsctl network create-sample
  network get ID|NAME
      Show one network.
      e.g. wpsctl network get nordic
  network list
      List every network.
      e.g. wpsctl network list --output=json
  gen-sample [--count=N] [--seed=S] [--out=FILE.csv]
      Write N generated (fictional) mediators as CSV; needs no server.
      e.g. wpsctl gen-sample --count=1000 --seed=7 > sample.csv
  help
      Show this help.

Global flags:
  --server=HOST:PORT     wpsd address (default 127.0.0.1:50051)
  --token=TOKEN          bearer token ('authorization: Bearer TOKEN')
  --tls_ca=CA.pem        use TLS, trusting this CA; --tls_cert=C.pem --tls_key=K.pem for mutual TLS
  --output=FORMAT        table (default), json (proto-JSON; an array for lists; search: one object
                         with mediators, facet counts and total) or csv
  --timeout=SECONDS      deadline of each unary call (default 30)

Exit codes: 0 success; 1 the server refused the request (import: some rows failed, the others were
kept); 2 usage error, unreadable file, or (import) server unreachable or import refused as a whole.
Run 'wpsctl --helpfull' for every flag.)";

}  // namespace wps::wpsctl
