// wpsctl's MatchingService commands: shortlist (request, get, list) and process (create, get, list,
// update). Each prints the result in ctx.output on ctx.out and returns an exit code of
// command_context.h: kExitUsage for a bad argument or an unreadable or malformed --file,
// kExitFailure when the server refuses or fails a call.
#ifndef WPS_CLIENTS_WPSCTL_MATCHING_COMMANDS_H_
#define WPS_CLIENTS_WPSCTL_MATCHING_COMMANDS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/wpsctl/command_context.h"
#include "wps/matching/v1/matching_service.pb.h"

namespace wps::wpsctl {

// A ShortlistRequest from its proto-JSON (either field name style); levels of required_languages
// may be written as API.md does ("minLevel": "C1"). INVALID_ARGUMENT naming the problem.
absl::StatusOr<matching::v1::ShortlistRequest> ShortlistRequestFromJson(absl::string_view json);
// A PeaceProcess from its proto-JSON; "stage" may be written in any case ("negotiation") and
// "track" without its prefix ("1.5", "2"). INVALID_ARGUMENT naming the problem.
absl::StatusOr<matching::v1::PeaceProcess> PeaceProcessFromJson(absl::string_view json);

// Asks for a shortlist; `file` holds the ShortlistRequest ("-" for stdin).
int RequestShortlist(const CommandContext& ctx, absl::string_view file);
// `name` as shortlists/ID or ID.
int GetShortlist(const CommandContext& ctx, absl::string_view name);

struct ListOptions {
  int32_t page_size = 0;  // 0: the server's default
  int64_t limit = 0;      // 0: no limit
};

// Every stored shortlist, oldest first (those of `process`, processes/P or P, when not empty),
// paging up to options.limit.
int ListShortlists(const CommandContext& ctx, absl::string_view process,
                   const ListOptions& options);

struct CreateProcessOptions {
  std::string file;  // proto-JSON of the PeaceProcess; "-" for stdin
  std::string id;    // empty: the server assigns one
};
int CreateProcess(const CommandContext& ctx, const CreateProcessOptions& options);
// `name` as processes/ID or ID.
int GetProcess(const CommandContext& ctx, absl::string_view name);
int ListProcesses(const CommandContext& ctx, const ListOptions& options);

struct UpdateProcessOptions {
  std::string name;
  std::string file;
  // Comma-separated field paths, snake_case or lowerCamelCase; empty replaces every writable field.
  std::string update_mask;
  std::string etag;
};
int UpdateProcess(const CommandContext& ctx, const UpdateProcessOptions& options);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_MATCHING_COMMANDS_H_
