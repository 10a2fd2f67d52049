// Which calls the audit log records, and how to read each one's request and answers: one table for
// every method of every wps service, so that what is audited is decided in one place.
//
// Categories (AuditEvent.category):
//   write: every call that changes records (create, update, delete, import, processes, rounds...)
//   purge: PurgeMediator
//   contact-read: a read that sent contact data (get, list, search, export, stored shortlists); a
//   read
//     that sent none is not recorded
//   shortlist: every RequestShortlist
//   sync: every Pull, Watch and Snapshot session of a partner or a matching replica
//   audit-read: every ListAuditEvents
//   backup: every AdminService call (a backup copies every record)
//   refused: any other call refused with PERMISSION_DENIED or UNAUTHENTICATED
// Every category also records its refused calls.
//
// Thread safety: immutable tables; safe for concurrent use.
#ifndef WPS_SERVICES_AUDIT_AUDITED_METHODS_H_
#define WPS_SERVICES_AUDIT_AUDITED_METHODS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace wps::audit {

enum class AuditCategory {
  kWrite,
  kPurge,
  kContactRead,
  kShortlist,
  kSync,
  kAuditRead,
  kBackup,
  kRefusalsOnly
};

// The AuditEvent.category of `category` ("write", "contact-read", ...; "refused" for
// kRefusalsOnly).
absl::string_view CategoryName(AuditCategory category);

// What the answers of one call held, added up over its messages (a stream sends many).
struct AnswerTally {
  int64_t messages = 0;
  // Mediator records, candidates or changes sent.
  int64_t records = 0;
  // Of those, the ones that carried contact data.
  int64_t with_contact = 0;
  // The resource the answer names (a created record's name), when it names one.
  std::string resource;
  // A summary the answer gives of itself ("created 3, updated 1, failed 2" for an import).
  std::string summary;
};

struct AuditedMethod {
  AuditCategory category = AuditCategory::kRefusalsOnly;
  // The resource a request is about (its name, parent, or the record it writes); null: none.
  // `request` points at the method's request message.
  std::string (*resource_of)(const void* request) = nullptr;
  // Adds one answer message of the method to `tally`; null: nothing to count.
  void (*tally)(const void* answer, AnswerTally& tally) = nullptr;
};

// The entry of a full gRPC method name ("/wps.roster.v1.RosterService/GetMediator"); nullptr for a
// method outside the wps services (health checks, reflection), which are never recorded.
const AuditedMethod* FindAuditedMethod(absl::string_view method);

}  // namespace wps::audit

#endif  // WPS_SERVICES_AUDIT_AUDITED_METHODS_H_
