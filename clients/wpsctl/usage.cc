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
  purge NAME [--etag=E]
      Erase a mediator for good (her right to erasure): the record, its search entries and the
      stored values on disk; stored shortlists keep only her name; partners get a DELETE.
      Admins, and coordinators of her network. Cannot be undone.
      e.g. wpsctl purge nordic/ingrid-hansen
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
  balance PROCESS [--round=R]
      Gender balance of the delegations at a round (the latest by default): members, women, men,
      other, undisclosed, women's share (WOMEN %), women's share in decision-making roles (head,
      negotiator, mediator, signatory: DECISION %), the target (30% unless the process sets one),
      whether it is met, and flags (below target, fell since previous round, women only in
      non-decision roles, no members, all undisclosed); then the figures by role. "n/a": the share
      is undefined (no members, or none in a decision-making role), which is not 0%.
      --output=json prints the Balance message, --output=csv one line per delegation and overall.
      e.g. wpsctl balance sudan-sample --round=r3
  balance trend PROCESS [--chart=FILE.svg]
      Women's share of each delegation at every round (a table, rounds as rows); with --chart, an
      SVG line chart instead (one line per delegation, the overall line, the target).
      e.g. wpsctl balance trend sudan-sample --chart=sudan.svg
  balance report [--countries=SD,YE] [--from=YYYY-MM-DD] [--to=YYYY-MM-DD]
      Across processes, each at its latest round starting inside the dates: women's share of
      negotiators, mediators, signatories and all members; processes without women mediators or
      signatories.
      e.g. wpsctl balance report --countries=SD,YE --from=2025-01-01
  balance rounds PROCESS
      List the rounds of a process, in order.
      e.g. wpsctl balance rounds sudan-sample
  balance round create PROCESS --start=YYYY-MM-DD [--id=ID] [--display_name="..."]
                       [--location="..."]
      Create a round of a peace process (the server assigns an id when --id is not given).
      e.g. wpsctl balance round create sudan-sample --id=r5 --start=2026-06-02 --display_name=Doha
  balance import FILE.csv [--errors=ERRORS.csv]
      Write delegations from a spreadsheet ('-' for stdin), one row per member, columns in any
      order:
        process,round,delegation,kind,member,gender,role
        sudan-sample,r5,gov,party,Amna Idris,woman,negotiator
      process, round, delegation: ids; kind (on at least one row of each delegation): party,
      mediation, observer, civil_society, guarantor;
      gender: woman, man, other, undisclosed; role: head, negotiator, mediator, adviser,
      technical_expert, signatory, observer (any case, '-' or ' ' for '_'); member: the name, may
      be empty. A row with member, gender and role empty records a delegation without members.
      Optional columns: delegation_display_name; round_start_date (YYYY-MM-DD) and
      round_display_name, used to create a round that does not exist yet; without a date such a
      round is an error (create it with 'balance round create'). Each delegation in the file is
      replaced whole; one with a bad row is not written at all, and every bad row is reported with
      its row number and column. Exit 0 when all was written, 1 when some delegations were not.
      e.g. wpsctl balance import delegations.csv --errors=rejected.csv
  balance create-sample [--out=FILE.csv]
      Create the three fictional sample processes (those missing) and import their delegations
      across several rounds; --out also saves the spreadsheet. Safe to run again.
      e.g. wpsctl balance create-sample --out=sample-delegations.csv
  sync status
      This server's federation: its feed, and per partner it pulls from whether it is connected,
      the records held from it, the lag of the last change applied, the last contact and error.
      e.g. wpsctl --tls_ca=ca.pem --token=$ADMIN_TOKEN --server=nordic.example:50051 sync status
  audit [--principal=P] [--resource=R] [--since=24h] [--until=T] [--limit=N]
      The server's audit log, newest first: writes, reads of contact data, shortlists, sync
      sessions and refused calls, with who, role, when, from where and outcome. Admins see every
      event, coordinators their network's. --limit defaults to 100 (0: all).
      e.g. wpsctl --token=$ADMIN_TOKEN audit --resource=networks/nordic --since=7d
  backup create [--keep=N]
      Take an online backup of the server's store into its --backup_dir (incremental, verified),
      with progress; --keep=N then deletes all but the newest N. Admins only.
      e.g. wpsctl --token=$ADMIN_TOKEN backup create --keep=14
  backup list | backup delete ID | backup prune --keep=N
      The server's backups (ID, time, size, files, feed head); delete one; keep the newest N.
      e.g. wpsctl --token=$ADMIN_TOKEN backup list
  backup restore --backup_dir=DIR --data_dir=NEW_DIR [--id=N]
      Offline, with wpsd stopped: restore backup N (the newest by default) into a new or empty
      data dir, erasing again every mediator purged after the backup was taken. Start wpsd on
      NEW_DIR afterwards; partners resume from their cursors where the backup still covers them.
      e.g. wpsctl backup restore --backup_dir=/var/lib/wps/data-backups --data_dir=/var/lib/wps/data
  health
      grpc.health.v1 check of the server (or of its --health_listen port): prints SERVING and
      exits 0, or prints the status and exits 1.
      e.g. wpsctl --server=127.0.0.1:8081 health
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

A process whose id is a balance sub-command word (round, rounds, trend, report, import,
create-sample) is named processes/ID: wpsctl balance processes/report.

Exit codes: 0 success; 1 the server refused the request (import, balance import: some rows failed,
the others were kept); 2 usage error, unreadable file, or (import, balance import) server
unreachable or import refused as a whole.
Each command's own flags are listed with it above.)";

}  // namespace wps::wpsctl
