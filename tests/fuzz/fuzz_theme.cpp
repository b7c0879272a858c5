// libFuzzer target: a code theme file (data/themes, a user's theme, a preset's). Nothing may
// crash or throw; a theme that parses answers a style for any capture name.
#include "core/highlight/theme.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stagehand::core::highlight;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    if (const auto theme = parse_theme(text, "fuzz", error)) {
        theme->style_for("keyword.control.import");
        theme->style_for("");
        theme->style_for("....");
    } else if (error.empty()) {
        std::abort();
    }
    is_theme_id(text);
    return 0;
}
