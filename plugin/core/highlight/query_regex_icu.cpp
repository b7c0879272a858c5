// QueryRegex over ICU's regular expressions (uregex), reading UTF-8 in place through UText.
#include "core/highlight/query_regex.hpp"

#include <unicode/uregex.h>
#include <unicode/utext.h>

#include <cstdint>
#include <mutex>

namespace stagehand::core::highlight {

struct QueryRegex::Impl {
    std::mutex searching; // ICU's expression object holds the state of its search
    URegularExpression* regex = nullptr;
    ~Impl() {
        if (regex)
            uregex_close(regex);
    }
};

QueryRegex::QueryRegex(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
QueryRegex::~QueryRegex() = default;

const char* QueryRegex::engine() {
    return "icu";
}

std::unique_ptr<QueryRegex> QueryRegex::compile(const std::string& pattern) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    UText* text =
        utext_openUTF8(nullptr, pattern.data(), static_cast<std::int64_t>(pattern.size()), &status);
    auto impl = std::make_unique<Impl>();
    impl->regex = uregex_openUText(text, 0, &parse_error, &status);
    utext_close(text);
    if (U_FAILURE(status))
        return nullptr; // Impl closes what was opened
    return std::unique_ptr<QueryRegex>(new QueryRegex(std::move(impl)));
}

bool QueryRegex::finds(std::string_view text) {
    std::lock_guard lock(impl_->searching);
    UErrorCode status = U_ZERO_ERROR;
    UText* ut =
        utext_openUTF8(nullptr, text.data(), static_cast<std::int64_t>(text.size()), &status);
    uregex_setUText(impl_->regex, ut, &status);
    const bool found =
        U_SUCCESS(status) && uregex_find(impl_->regex, 0, &status) && U_SUCCESS(status);
    uregex_setText(impl_->regex, u"", 0, &status); // drop the reference to `ut` before closing it
    utext_close(ut);
    return found;
}

} // namespace stagehand::core::highlight
