#include "services/audit/audit_interceptor.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "google/protobuf/util/time_util.h"
#include "services/audit/audited_methods.h"
#include "storage/proto_rows.h"

namespace wps::audit {
namespace {

using ::google::protobuf::util::TimeUtil;
using ::grpc::experimental::InterceptionHookPoints;

constexpr size_t kMaxResourceBytes = 512;

bool IsRefusal(grpc::StatusCode code) {
  return code == grpc::StatusCode::PERMISSION_DENIED || code == grpc::StatusCode::UNAUTHENTICATED;
}

// What a person reading the log is told about the call beyond its method and resource.
std::string DetailOf(AuditCategory category, const AnswerTally& tally) {
  if (!tally.summary.empty()) return tally.summary;
  switch (category) {
    case AuditCategory::kContactRead:
      return tally.with_contact == 0 ? ""
                                     : absl::StrCat("contact data of ", tally.with_contact, " of ",
                                                    tally.records, " records sent");
    case AuditCategory::kShortlist:
      return absl::StrCat(tally.records, " candidates, contact data of ", tally.with_contact);
    case AuditCategory::kSync:
      return absl::StrCat("sent ", tally.records, " records or changes");
    default:
      return "";
  }
}

class AuditInterceptor : public grpc::experimental::Interceptor {
 public:
  AuditInterceptor(grpc::experimental::ServerRpcInfo* info, const AuditedMethod& method,
                   AuditLog& log, const common::CallerResolver& callers)
      : info_(info), method_(method), log_(log), callers_(callers), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        resource_.empty() && method_.resource_of != nullptr) {
      if (const void* request = methods->GetRecvMessage(); request != nullptr)
        resource_ = method_.resource_of(request);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE) &&
        method_.tally != nullptr) {
      if (const void* answer = methods->GetSendMessage(); answer != nullptr) {
        ++tally_.messages;
        method_.tally(answer, tally_);
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      RecordIfAudited(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  bool Audited(grpc::StatusCode code) const {
    if (IsRefusal(code)) return true;
    switch (method_.category) {
      case AuditCategory::kRefusalsOnly:
        return false;
      case AuditCategory::kContactRead:
        return tally_.with_contact > 0;
      default:
        return true;
    }
  }

  void RecordIfAudited(grpc::StatusCode code) {
    if (!Audited(code)) return;
    const v1::AuditEvent event = EventOf(code);
    // Synced when the call changed records; a refused or failed call changed nothing, and syncing
    // its event would let anyone cost the disk an fsync per call.
    const bool changes_records =
        code == grpc::StatusCode::OK && (event.category() == CategoryName(AuditCategory::kWrite) ||
                                         event.category() == CategoryName(AuditCategory::kPurge));
    const absl::Status recorded =
        log_.Record(event, changes_records ? storage::Durability::kSynced
                                           : storage::Durability::kProcessCrashSafe);
    if (!recorded.ok()) {
      LogError(absl::StrCat("audit event of ", info_->method(), " by ", event.principal(),
                            " not recorded: ", recorded.ToString()));
    }
  }

  // The event of this call, which ends with `code`.
  v1::AuditEvent EventOf(grpc::StatusCode code) const {
    const absl::Time now = absl::Now();
    v1::AuditEvent event;
    *event.mutable_time() = storage::ToTimestamp(now);
    *event.mutable_duration() =
        TimeUtil::MicrosecondsToDuration(absl::ToInt64Microseconds(now - start_));
    grpc::ServerContextBase& context = *info_->server_context();
    event.set_peer(common::TransportPeer(context));
    if (absl::StatusOr<common::Caller> caller = callers_.Identify(context); caller.ok()) {
      event.set_principal(caller->principal);
      event.set_role(std::string(common::RoleName(caller->role)));
      event.set_network(caller->network);
    }
    event.set_method(info_->method());
    std::string resource =
        !tally_.resource.empty() && code == grpc::StatusCode::OK ? tally_.resource : resource_;
    // A name is short; whatever a request puts there beyond that is not worth keeping.
    if (resource.size() > kMaxResourceBytes) resource.resize(kMaxResourceBytes);
    event.set_resource(std::move(resource));
    // absl and gRPC share the canonical codes: absl names them.
    event.set_outcome(absl::StatusCodeToString(static_cast<absl::StatusCode>(code)));
    const AuditCategory category = method_.category;
    event.set_category(std::string(CategoryName(category)));
    event.set_detail(DetailOf(category, tally_));
    return event;
  }

  grpc::experimental::ServerRpcInfo* const info_;
  const AuditedMethod& method_;
  AuditLog& log_;
  const common::CallerResolver& callers_;
  const absl::Time start_;
  std::string resource_;
  AnswerTally tally_;
};

class AuditInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  AuditInterceptorFactory(AuditLog& log, const common::CallerResolver& callers)
      : log_(log), callers_(callers) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    const AuditedMethod* method = FindAuditedMethod(info->method());
    if (method == nullptr) return nullptr;
    return new AuditInterceptor(info, *method, log_, callers_);
  }

 private:
  AuditLog& log_;
  const common::CallerResolver& callers_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewAuditInterceptorFactory(
    AuditLog& log, const common::CallerResolver& callers) {
  return std::make_unique<AuditInterceptorFactory>(log, callers);
}

}  // namespace wps::audit
