#include "services/http/console_files.h"

#include <cstddef>

namespace wps::http {

// Defined in the source cmake/embed_files.cmake writes from services/http/console/.
extern const char kEmbedded_index_html[];
extern const std::size_t kEmbedded_index_html_size;
extern const char kEmbedded_console_js[];
extern const std::size_t kEmbedded_console_js_size;
extern const char kEmbedded_console_css[];
extern const std::size_t kEmbedded_console_css_size;

const ConsoleFile* FindConsoleFile(absl::string_view path) {
  static const ConsoleFile kFiles[] = {
      {"/", "text/html; charset=utf-8", {kEmbedded_index_html, kEmbedded_index_html_size}},
      {"/console.js",
       "text/javascript; charset=utf-8",
       {kEmbedded_console_js, kEmbedded_console_js_size}},
      {"/console.css",
       "text/css; charset=utf-8",
       {kEmbedded_console_css, kEmbedded_console_css_size}},
  };
  if (path == "/index.html") path = "/";
  for (const ConsoleFile& file : kFiles) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

}  // namespace wps::http
