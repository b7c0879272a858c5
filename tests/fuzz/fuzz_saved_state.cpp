// libFuzzer target: the plugin's own saved files read back (questions.json, slides.json) and
// the queue settings a request carries. Whatever the bytes, a reader either takes the whole
// file or refuses it with a message, and never throws; a queue it took saves and loads again
// to the same queue.
#include "core/questions/question_queue.hpp"
#include "core/slides/talk.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stagehand::core;
    const auto json = nlohmann::json::parse(data, data + size, nullptr, false);
    if (json.is_discarded())
        return 0;
    std::string error;
    questions::QuestionQueue queue;
    if (queue.from_json(json, error)) {
        questions::QuestionQueue again;
        if (!again.from_json(queue.to_json(), error) || again.to_json() != queue.to_json())
            std::abort();
        queue.export_csv();
        queue.export_markdown("fuzz");
    } else if (error.empty()) {
        std::abort(); // refused without saying why
    }
    questions::settings_from_json(json, questions::QueueSettings{}, error);
    slides::TalkState talk;
    if (!talk.from_json(json, 1000, 1'700'000'000'000, error) && error.empty())
        std::abort();
    talk.status(5000);
    return 0;
}
