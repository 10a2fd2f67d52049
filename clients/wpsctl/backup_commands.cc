#include "clients/wpsctl/backup_commands.h"

#include <optional>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/wpsctl/progress_bar.h"
#include "google/protobuf/util/time_util.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "storage/backup.h"

namespace wps::wpsctl {
namespace {

using ::google::protobuf::util::TimeUtil;

std::string FormatTime(const google::protobuf::Timestamp& time) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC",
                          absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(time)),
                          absl::UTCTimeZone());
}

std::string FormatBackups(const std::vector<admin::v1::Backup>& backups, OutputFormat format) {
  if (format == OutputFormat::kJson) return JsonArray<admin::v1::Backup>(backups);
  std::vector<std::vector<std::string>> rows;
  for (const admin::v1::Backup& backup : backups) {
    rows.push_back({absl::StrCat(backup.id()), FormatTime(backup.create_time()),
                    FormatBytes(static_cast<int64_t>(backup.size_bytes())),
                    absl::StrCat(backup.file_count()), absl::StrCat(backup.feed_head())});
  }
  if (format == OutputFormat::kTable)
    return RenderTable({"ID", "CREATED", "SIZE", "FILES", "FEED HEAD"}, rows);
  std::string csv = "id,create_time,size_bytes,file_count,feed_head\n";
  for (const admin::v1::Backup& backup : backups) {
    absl::StrAppend(&csv, backup.id(), ",", TimeUtil::ToString(backup.create_time()), ",",
                    backup.size_bytes(), ",", backup.file_count(), ",", backup.feed_head(), "\n");
  }
  return csv;
}

std::string RenderCopyProgress(uint64_t copied, uint64_t total, double seconds) {
  const double fraction =
      total == 0 ? 1.0 : static_cast<double>(copied) / static_cast<double>(total);
  std::string line =
      absl::StrCat(RenderBar(fraction, 20), "  ", FormatBytes(static_cast<int64_t>(copied)), " / ",
                   FormatBytes(static_cast<int64_t>(total)));
  if (seconds > 0) {
    absl::StrAppend(&line, "  ",
                    FormatBytes(static_cast<int64_t>(static_cast<double>(copied) / seconds)), "/s");
  }
  return line;
}

// The ServingStatus in a grpc.health.v1.HealthCheckResponse: field 1, a varint (0 when absent).
int ServingStatusOf(const grpc::ByteBuffer& response) {
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return -1;
  std::string bytes;
  for (const grpc::Slice& slice : slices)
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  if (bytes.empty()) return 0;
  if (bytes.size() < 2 || bytes[0] != 0x08 || (bytes[1] & 0x80) != 0) return -1;
  return bytes[1];
}

}  // namespace

int CreateBackup(const CommandContext& ctx, int keep_last) {
  if (keep_last < 0) return UsageError(ctx, "--keep cannot be negative");
  admin::v1::CreateBackupRequest request;
  request.set_keep_last(keep_last);
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/false, context);
  std::unique_ptr<grpc::ClientReaderInterface<admin::v1::CreateBackupProgress>> reader =
      ctx.admin->CreateBackup(&context, request);
  ProgressBar bar = ProgressBar::ForStderr();
  admin::v1::CreateBackupProgress message, last;
  while (reader->Read(&message)) {
    if (message.has_backup()) last = message;
    if (bar.Due())
      bar.Draw(
          RenderCopyProgress(message.copied_bytes(), message.total_bytes(), bar.ElapsedSeconds()));
  }
  bar.Finish();
  const grpc::Status status = reader->Finish();
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << FormatBackups({last.backup()}, ctx.output);
  if (!last.prune_error().empty())
    *ctx.err << "wpsctl: the backup is taken, but pruning failed: " << last.prune_error() << "\n";
  if (last.pruned() > 0 && ctx.output == OutputFormat::kTable) {
    *ctx.out << "deleted " << last.pruned() << " older backup(s), keeping the newest " << keep_last
             << "\n";
  }
  return kExitOk;
}

int ListBackups(const CommandContext& ctx) {
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  admin::v1::ListBackupsResponse response;
  const grpc::Status status =
      ctx.admin->ListBackups(&context, admin::v1::ListBackupsRequest(), &response);
  if (!status.ok()) return RpcError(ctx, status);
  const std::vector<admin::v1::Backup> backups(response.backups().begin(),
                                               response.backups().end());
  if (ctx.output == OutputFormat::kTable && backups.empty()) {
    *ctx.out << "no backups in " << response.backup_dir() << " (wpsctl backup create takes one)\n";
    return kExitOk;
  }
  *ctx.out << FormatBackups(backups, ctx.output);
  return kExitOk;
}

int DeleteBackup(const CommandContext& ctx, const std::string& id) {
  admin::v1::DeleteBackupRequest request;
  uint32_t number = 0;
  if (!absl::SimpleAtoi(id, &number) || number == 0)
    return UsageError(ctx, "backup delete takes a backup ID (1, 2, ...)");
  request.set_id(number);
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  admin::v1::DeleteBackupResponse response;
  const grpc::Status status = ctx.admin->DeleteBackup(&context, request, &response);
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << "deleted backup " << number << "\n";
  return kExitOk;
}

int PruneBackups(const CommandContext& ctx, int keep_last) {
  if (keep_last < 1) return UsageError(ctx, "backup prune needs --keep=N, N >= 1");
  admin::v1::PruneBackupsRequest request;
  request.set_keep_last(keep_last);
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  admin::v1::PruneBackupsResponse response;
  const grpc::Status status = ctx.admin->PruneBackups(&context, request, &response);
  if (!status.ok()) return RpcError(ctx, status);
  *ctx.out << "deleted " << response.deleted() << " backup(s), keeping the newest " << keep_last
           << "\n";
  return kExitOk;
}

int RestoreBackup(const CommandContext& ctx, const RestoreOptions& options) {
  if (options.backup_dir.empty() || options.data_dir.empty()) {
    return UsageError(
        ctx, "backup restore needs --backup_dir=DIR and --data_dir=DIR (a new or empty directory)");
  }
  std::optional<uint32_t> id;
  if (!options.id.empty()) {
    uint32_t number = 0;
    if (!absl::SimpleAtoi(options.id, &number) || number == 0)
      return UsageError(ctx, "--id: a backup ID (1, 2, ...)");
    id = number;
  }
  ProgressBar bar = ProgressBar::ForStderr();
  absl::StatusOr<storage::RestoreOutcome> restored = storage::RestoreBackup(
      options.backup_dir, options.data_dir, id, [&](uint64_t copied, uint64_t total) {
        if (bar.Due()) bar.Draw(RenderCopyProgress(copied, total, bar.ElapsedSeconds()));
      });
  bar.Finish();
  if (!restored.ok()) {
    *ctx.err << "wpsctl: restore failed: " << restored.status().message() << "\n";
    return kExitFailure;
  }
  *ctx.out << "restored backup " << restored->backup.id << " (taken "
           << absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", restored->backup.create_time,
                               absl::UTCTimeZone())
           << ", feed head " << restored->backup.feed_head << ") into " << options.data_dir << "\n"
           << "re-applied " << restored->erasures_reapplied
           << " erasure(s) recorded after it was taken\n"
           << "start wpsd with --data_dir=" << options.data_dir
           << "; it rebuilds its search index, and partners resume from their cursors\n";
  return kExitOk;
}

int CheckHealth(const CommandContext& ctx) {
  grpc::GenericStub stub(ctx.channel);
  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/true, context);
  grpc::CompletionQueue queue;
  // An empty HealthCheckRequest (service ""): the whole server. A ByteBuffer with no slice is no
  // message at all, so it gets one empty slice.
  grpc::Slice no_bytes("", 0);
  grpc::ByteBuffer request(&no_bytes, 1), response;
  grpc::Status status;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
      stub.PrepareUnaryCall(&context, "/grpc.health.v1.Health/Check", request, &queue);
  call->StartCall();
  call->Finish(&response, &status, reinterpret_cast<void*>(1));
  void* tag = nullptr;
  bool ok = false;
  queue.Next(&tag, &ok);
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
  if (!status.ok()) return RpcError(ctx, status);
  constexpr const char* kNames[] = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};
  const int serving = ServingStatusOf(response);
  *ctx.out << (serving >= 0 && serving <= 3 ? kNames[serving] : "UNREADABLE") << "\n";
  return serving == 1 ? kExitOk : kExitFailure;
}

}  // namespace wps::wpsctl
