#include "services/matching/process_catalog.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "services/common/access_policy.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/common/field_violations.h"
#include "services/common/page_token.h"
#include "services/common/resource_names.h"
#include "services/common/vocabularies.h"
#include "services/matching/process_validation.h"

namespace wps::matching {
namespace {

using common::FieldViolation;
using ::google::protobuf::FieldMask;
using ::google::protobuf::util::FieldMaskUtil;

// ListProcesses page sizes, as matching_service.proto states them.
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

// The violations of a CreateProcessRequest: its id (when given) and its record.
std::vector<FieldViolation> CreateViolations(const v1::CreateProcessRequest& request) {
  std::vector<FieldViolation> violations;
  if (!request.process_id().empty() && !vocab::IsResourceId(request.process_id())) {
    common::AddViolation(
        violations, "", "process_id",
        absl::StrCat("'", request.process_id(), "' is not an id [a-z0-9][a-z0-9-]{0,62}"));
  }
  ValidateProcess(request.process(), "process.", violations);
  return violations;
}

// Replaces the fields of `mask` in `stored` with those of `update`, lists and messages whole.
void ApplyMask(const v1::PeaceProcess& update, const FieldMask& mask, v1::PeaceProcess& stored) {
  FieldMaskUtil::MergeOptions options;
  options.set_replace_message_fields(true);
  options.set_replace_repeated_fields(true);
  FieldMaskUtil::MergeMessageTo(update, mask, options, &stored);
}

}  // namespace

ProcessCatalog::ProcessCatalog(storage::Store& store) : processes_(store) {}

absl::StatusOr<v1::PeaceProcess> ProcessCatalog::CreateProcess(
    const common::Caller& caller, const v1::CreateProcessRequest& request) {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kWriteProcesses));
  WPS_RETURN_IF_ERROR(common::StatusFromViolations(CreateViolations(request)));
  v1::PeaceProcess process = request.process();
  // Output only: the store sets the etag and times; the name comes from the id.
  process.clear_etag();
  process.clear_create_time();
  process.clear_update_time();
  const std::string id = request.process_id().empty() ? names::NewRandomId() : request.process_id();
  process.set_name(names::ProcessName(id));
  return processes_.Create(process);
}

absl::StatusOr<v1::PeaceProcess> ProcessCatalog::GetProcess(
    const common::Caller& caller, const v1::GetProcessRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadProcesses));
  WPS_RETURN_IF_ERROR(names::ParseProcessName(request.name(), "name").status());
  return processes_.Get(request.name());
}

absl::StatusOr<v1::ListProcessesResponse> ProcessCatalog::ListProcesses(
    const common::Caller& caller, const v1::ListProcessesRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadProcesses));
  WPS_ASSIGN_OR_RETURN(int page_size, common::EffectivePageSize(request.page_size(),
                                                                kDefaultPageSize, kMaxPageSize));
  v1::ListProcessesResponse response;
  WPS_ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      common::FillPage(request.page_token(), common::RequestFingerprint({"processes"}), page_size,
                       *response.mutable_processes(),
                       [&](const std::string& start_after, auto&& visit) {
                         return processes_.Scan(start_after, visit);
                       }));
  return response;
}

absl::StatusOr<v1::PeaceProcess> ProcessCatalog::UpdateProcess(
    const common::Caller& caller, const v1::UpdateProcessRequest& request) {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kWriteProcesses));
  const v1::PeaceProcess& update = request.process();
  WPS_RETURN_IF_ERROR(names::ParseProcessName(update.name(), "process.name").status());
  WPS_ASSIGN_OR_RETURN(FieldMask mask, EffectiveProcessMask(request.update_mask()));
  return processes_.Update(update.name(), update.etag(),
                           [&](v1::PeaceProcess& stored) -> absl::Status {
                             ApplyMask(update, mask, stored);
                             std::vector<FieldViolation> violations;
                             ValidateProcess(stored, "process.", violations);
                             return common::StatusFromViolations(violations);
                           });
}

}  // namespace wps::matching
