// libFuzzer target: a preset file as a user might share it. Nothing may crash or hang; a preset
// that loads writes a document that loads again to the same preset (the round trip presets are
// exported with), and the accessibility check runs on it.
#include "core/preset/accessibility.hpp"
#include "core/preset/preset.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stagehand::core::preset;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const LoadResult first = load(text);
    if (!first.preset) {
        if (first.errors.empty())
            std::abort(); // refused without a reason
        return 0;
    }
    const nlohmann::json written = to_json(*first.preset);
    const LoadResult again = load_document(written);
    if (!again.preset || to_json(*again.preset) != written)
        std::abort();
    (void)check(*first.preset);
    return 0;
}
