// wpsctl's mediator commands: get, create, update, delete, undelete, purge and list. Each prints
// the resulting record(s) in ctx.output on ctx.out and returns an exit code of command_context.h.
#ifndef WPS_CLIENTS_WPSCTL_MEDIATOR_COMMANDS_H_
#define WPS_CLIENTS_WPSCTL_MEDIATOR_COMMANDS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/wpsctl/command_context.h"
#include "wps/roster/v1/resources.pb.h"

namespace wps::wpsctl {

// A Mediator from its proto-JSON (either field name style). Enum values may also be written as
// API.md does: "level": "C2" or "native", "availability": "limited". INVALID_ARGUMENT naming the
// problem.
absl::StatusOr<roster::v1::Mediator> MediatorFromJson(absl::string_view json);

// `NAME` as given on the command line (full or short form, see resource_names.h).
int GetMediator(const CommandContext& ctx, absl::string_view name);

struct CreateMediatorOptions {
  std::string parent;  // networks/N or N
  std::string file;    // proto-JSON of the Mediator; "-" for stdin
  std::string id;      // empty: the server assigns one
};
int CreateMediator(const CommandContext& ctx, const CreateMediatorOptions& options);

struct UpdateMediatorOptions {
  std::string name;
  std::string file;
  // Comma-separated field paths, snake_case or lowerCamelCase; empty replaces every writable field.
  std::string update_mask;
  std::string etag;
};
int UpdateMediator(const CommandContext& ctx, const UpdateMediatorOptions& options);

int DeleteMediator(const CommandContext& ctx, absl::string_view name, absl::string_view etag);
int UndeleteMediator(const CommandContext& ctx, absl::string_view name);
// Erases a mediator for good (PurgeMediator) and prints what was erased.
int PurgeMediator(const CommandContext& ctx, absl::string_view name, absl::string_view etag);

struct ListMediatorsOptions {
  std::string parent;  // networks/N, N, or "-" for every network
  bool show_deleted = false;
  int32_t page_size = 0;  // 0: the server's default
  int64_t limit = 0;      // 0: no limit
};
// Pages through every result (following next_page_token) up to `limit` records.
int ListMediators(const CommandContext& ctx, const ListMediatorsOptions& options);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_MEDIATOR_COMMANDS_H_
