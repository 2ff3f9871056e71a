// SHA-256 of the canonical text (see definition_hash.h), with OpenSSL's libcrypto
// (docs/architecture.md: the one hash leadc computes; no reason to carry our own).
#include "compiler/definition_hash.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "compiler/checked.h"
#include "compiler/syntax/format.h"

namespace leadc {

std::string definition_sha256(const Compilation& c) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256 unavailable");
  auto feed = [&](const std::string& s) { EVP_DigestUpdate(ctx.get(), s.data(), s.size()); };
  feed("leadc definition v1\n");
  for (const auto& file : c.files) {
    // A file that compiled always formats; the raw text is the fallback should the
    // formatter refuse (its own bug), so the hash still names the exact input.
    Diagnostics ignored;
    auto formatted = format_source(*file, ignored);
    const std::string& text = formatted ? *formatted : file->text;
    feed(std::to_string(text.size()) + "\n");
    feed(text);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

std::string definition_version(const Compilation& c) {
  return c.checked ? c.checked->module.version : std::string();
}

}  // namespace leadc
