// libFuzzer target: a talk file (talk_load, the dock's Open) and a position file ("12/40"), as
// any program or person may write them. Nothing may crash or throw; a talk that parses has
// slide numbers inside its deck and sections in order.
#include "core/slides/talk.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stagehand::core::slides;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    if (const auto talk = parse_talk(text, error)) {
        int last = 0;
        for (const Section& s : talk->sections) {
            if (s.first_slide < 1 || s.first_slide <= last ||
                (talk->slides > 0 && s.first_slide > talk->slides))
                std::abort();
            last = s.first_slide;
        }
        TalkState state;
        state.load(*talk);
        state.go_to(talk->slides + 5);
        state.status(60000);
    } else if (error.empty()) {
        std::abort();
    }
    parse_position(text);
    return 0;
}
