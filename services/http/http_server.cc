#include "services/http/http_server.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "google/protobuf/util/json_util.h"
#include "httplib.h"
#include "services/common/caller.h"
#include "services/common/resource_names.h"
#include "services/http/console_files.h"
#include "services/http/json_gateway.h"
#include "services/roster/mediator_csv.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::http {
namespace {

constexpr absl::Duration kTransferTimeout = absl::Minutes(30);
constexpr size_t kImportChunkBytes = 64 * 1024;
constexpr size_t kExportChunkBytes = 64 * 1024;
constexpr size_t kMaxBodyBytes = 64 * 1024 * 1024;

void SetSecurityHeaders(httplib::Response& response) {
  response.set_header(
      "Content-Security-Policy",
      "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
      "form-action 'self'");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("X-Frame-Options", "DENY");
}

std::string PeerOf(const httplib::Request& request) {
  const bool v6 = absl::StrContains(request.remote_addr, ':');
  return v6 ? absl::StrCat("ipv6:[", request.remote_addr, "]:", request.remote_port)
            : absl::StrCat("ipv4:", request.remote_addr, ":", request.remote_port);
}

HttpRequest ToHttpRequest(const httplib::Request& request) {
  HttpRequest http;
  http.method = request.method;
  http.path = request.path;
  for (const auto& [key, value] : request.params) http.query.emplace(key, value);
  http.body = request.body;
  http.authorization = request.get_header_value("Authorization");
  http.request_id = request.get_header_value("X-Request-Id");
  http.peer = PeerOf(request);
  return http;
}

void Send(const HttpResponse& answer, httplib::Response& response) {
  response.status = answer.status;
  response.set_header("Cache-Control", "no-store");
  response.set_content(answer.body, answer.content_type.c_str());
}

// The Host header's host, without the port.
std::string HostName(const httplib::Request& request) {
  std::string host = request.get_header_value("Host");
  if (absl::StartsWith(host, "[")) return host.substr(0, host.find(']') + 1);
  return host.substr(0, host.find(':'));
}

// Why a request is refused before it reaches the API, or nullopt.
std::optional<HttpResponse> Screen(const httplib::Request& request, bool open_loopback) {
  if (open_loopback) {
    if (!common::IsLoopbackHost(absl::AsciiStrToLower(HostName(request)))) {
      return ErrorResponse(grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                                        "this server runs without authentication and answers only "
                                        "requests to localhost or 127.0.0.1"),
                           421);
    }
  }
  if (request.method != "GET" && request.method != "HEAD" && !request.body.empty()) {
    const std::string type = absl::AsciiStrToLower(request.get_header_value("Content-Type"));
    if (!absl::StartsWith(type, "application/json") && !absl::StartsWith(type, "text/csv")) {
      return ErrorResponse(
          grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                       "send the body as application/json (or text/csv to import)"),
          415);
    }
  }
  return std::nullopt;
}

// POST /v1/mediators:import: the body's CSV streamed to ImportMediators in chunks.
HttpResponse Import(const HttpRequest& http, roster::v1::RosterService::Stub& stub) {
  grpc::ClientContext context;
  PrepareContext(http, context, kTransferTimeout);
  roster::v1::ImportMediatorsResponse response;
  std::unique_ptr<grpc::ClientWriter<roster::v1::ImportMediatorsRequest>> writer =
      stub.ImportMediators(&context, &response);
  for (size_t offset = 0; offset < http.body.size(); offset += kImportChunkBytes) {
    roster::v1::ImportMediatorsRequest chunk;
    chunk.set_csv_chunk(http.body.substr(offset, kImportChunkBytes));
    if (!writer->Write(chunk)) break;  // the server ended the call: Finish says why
  }
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  if (!status.ok()) return ErrorResponse(status);
  HttpResponse answer;
  (void)google::protobuf::util::MessageToJsonString(response, &answer.body);
  return answer;
}

// An export in progress: its call, and the record read ahead of what the response has sent.
struct ExportStream {
  ~ExportStream() {
    if (finished) return;
    context.TryCancel();  // the browser went away: end the call before it is destroyed
    (void)reader->Finish();
  }

  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReader<roster::v1::Mediator>> reader;
  roster::v1::Mediator next;
  bool has_next = false;
  bool finished = false;
  grpc::Status status;
};

// Sends the next chunk of `stream` (the CSV header first) to `sink`; false to cut the response
// short.
bool SendExportChunk(ExportStream& stream, size_t offset, httplib::DataSink& sink) {
  std::string chunk = offset == 0 ? absl::StrCat(roster::kMediatorCsvHeader, "\n") : "";
  while (stream.has_next && chunk.size() < kExportChunkBytes) {
    chunk += roster::MediatorToCsvLine(stream.next);
    stream.has_next = stream.reader->Read(&stream.next);
  }
  if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) return false;
  if (stream.has_next) return true;
  if (!stream.finished) {
    stream.status = stream.reader->Finish();
    stream.finished = true;
  }
  if (!stream.status.ok()) return false;
  sink.done();
  return true;
}

// GET /v1/mediators:export[?network=N]: ExportMediators as the CSV of API.md, streamed a chunk at a
// time, so that a large roster never sits whole in memory. An error before the first record
// (authentication, permission) is answered as JSON; one after it cuts the transfer short, which the
// browser reports as a failed download.
void Export(const HttpRequest& http, roster::v1::RosterService::Stub& stub,
            httplib::Response& response) {
  roster::v1::ExportMediatorsRequest request;
  if (auto network = http.query.find("network");
      network != http.query.end() && !network->second.empty()) {
    request.set_parent(absl::StartsWith(network->second, "networks/")
                           ? network->second
                           : names::NetworkName(network->second));
  }
  auto stream = std::make_shared<ExportStream>();
  PrepareContext(http, stream->context, kTransferTimeout);
  stream->reader = stub.ExportMediators(&stream->context, request);
  stream->has_next = stream->reader->Read(&stream->next);
  if (!stream->has_next) {
    stream->status = stream->reader->Finish();
    stream->finished = true;
    if (!stream->status.ok()) return Send(ErrorResponse(stream->status), response);
  }
  response.set_header("Cache-Control", "no-store");
  response.set_header("Content-Disposition", "attachment; filename=\"mediators.csv\"");
  response.set_chunked_content_provider("text/csv; charset=utf-8",
                                        [stream](size_t offset, httplib::DataSink& sink) {
                                          return SendExportChunk(*stream, offset, sink);
                                        });
}

void ServeConsole(const httplib::Request& request, httplib::Response& response) {
  const ConsoleFile* file = FindConsoleFile(request.path);
  SetSecurityHeaders(response);
  if (file == nullptr) {
    response.status = 404;
    response.set_content("not found\n", "text/plain; charset=utf-8");
    return;
  }
  response.set_header("Cache-Control", "no-cache");
  response.set_content(std::string(file->content), std::string(file->content_type).c_str());
}

void Route(httplib::Server& server, bool open_loopback, std::shared_ptr<grpc::Channel> channel) {
  auto gateway = std::make_shared<JsonGateway>(channel);
  auto stub =
      std::shared_ptr<roster::v1::RosterService::Stub>(roster::v1::RosterService::NewStub(channel));
  auto api = [gateway, stub, open_loopback](const httplib::Request& request,
                                            httplib::Response& response) {
    SetSecurityHeaders(response);
    if (std::optional<HttpResponse> refused = Screen(request, open_loopback))
      return Send(*refused, response);
    const HttpRequest http = ToHttpRequest(request);
    if (http.path == "/v1/mediators:import" && http.method == "POST")
      return Send(Import(http, *stub), response);
    if (http.path == "/v1/mediators:export" && http.method == "GET")
      return Export(http, *stub, response);
    Send(gateway->Handle(http), response);
  };
  const std::string api_paths = R"(/v1/.*)";
  server.Get(api_paths, api);
  server.Post(api_paths, api);
  server.Patch(api_paths, api);
  server.Put(api_paths, api);
  server.Delete(api_paths, api);
  server.Get(R"(/|/index\.html|/console\.js|/console\.css)",
             [open_loopback](const httplib::Request& request, httplib::Response& response) {
               if (std::optional<HttpResponse> refused = Screen(request, open_loopback)) {
                 SetSecurityHeaders(response);
                 return Send(*refused, response);
               }
               ServeConsole(request, response);
             });
}

absl::StatusOr<std::pair<std::string, int>> SplitHostPort(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(listen.substr(colon + 1), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http_listen must be HOST:PORT, not \"", listen, "\""));
  }
  std::string host = listen.substr(0, colon);
  if (absl::StartsWith(host, "[") && absl::EndsWith(host, "]"))
    host = host.substr(1, host.size() - 2);
  return std::make_pair(host, port);
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(
    const HttpServerOptions& options, std::shared_ptr<grpc::Channel> channel) {
  auto host_port = SplitHostPort(options.listen);
  if (!host_port.ok()) return host_port.status();
  std::unique_ptr<HttpServer> http(new HttpServer());
  if (!options.tls_cert.empty()) {
    auto tls =
        std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    if (!tls->is_valid()) {
      return absl::InvalidArgumentError(
          "--http_listen: cannot use the TLS certificate and key (--tls_cert, --tls_key)");
    }
    http->server_ = std::move(tls);
  } else {
    http->server_ = std::make_unique<httplib::Server>();
  }
  httplib::Server& server = *http->server_;
  server.set_payload_max_length(kMaxBodyBytes);
  Route(server, options.open_loopback, std::move(channel));
  const auto& [host, port] = *host_port;
  const int bound = port == 0 ? server.bind_to_any_port(host.c_str())
                              : (server.bind_to_port(host.c_str(), port) ? port : -1);
  if (bound < 0)
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen, " (--http_listen)"));
  const bool v6 = absl::StrContains(host, ':');
  http->address_ = v6 ? absl::StrCat("[", host, "]:", bound) : absl::StrCat(host, ":", bound);
  http->thread_ = std::thread([&server] { server.listen_after_bind(); });
  return http;
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Stop() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace wps::http
