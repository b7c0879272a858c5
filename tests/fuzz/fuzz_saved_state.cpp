// libFuzzer target: the plugin's own saved files read back (questions.json, slides.json) and
// the queue settings a request carries. Whatever the bytes, a reader either takes the whole
// file or refuses it with a message, and never throws; a queue it took saves and loads again
// to the same queue. The saving worker also reads its last file (unchanged lines are copied
// from it): with that file replaced by the bytes, a save writes the queue or stops, and the
// save after it writes the queue. The bytes are also read as the queue's journal beside a small
// queue's file: applied, they make a queue or are refused with a reason, never a throw.
#include "core/questions/question_queue.hpp"
#include "core/questions/queue_journal.hpp"
#include "core/questions/saved_queue.hpp"
#include "core/slides/talk.hpp"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

namespace {

using namespace stagehand::core;

void write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The queue saved as the worker saves it; nothing when the save stopped.
std::optional<std::string> save(questions::SavedQueue& saved, const questions::QuestionQueue& queue,
                                const std::filesystem::path& path) {
    saved.update(queue);
    std::string text;
    const bool whole = saved.write(path, [&text](std::string_view piece) { text += piece; });
    if (whole)
        write_file(path, text);
    saved.written(whole);
    return whole ? std::optional<std::string>(text) : std::nullopt;
}

void saves_through_an_edited_file(questions::QuestionQueue& queue, std::string_view edited) {
    // Removed when the fuzzer exits.
    static const struct Scratch {
        std::filesystem::path path =
            std::filesystem::temp_directory_path() /
            ("stagehand-fuzz-saved-" + std::to_string(::getpid()) + ".json");
        ~Scratch() {
            std::error_code ec;
            std::filesystem::remove(path, ec);
        }
    } scratch;
    const auto& path = scratch.path;
    questions::SavedQueue saved;
    const auto first = save(saved, queue, path);
    if (!first || nlohmann::json::parse(*first) != queue.to_json())
        std::abort();
    write_file(path, edited);
    chat::ChatMessage late;
    late.platform = "twitch";
    late.id = "fuzz-late";
    late.author_id = late.login = late.name = "late";
    late.text = "and one more question?";
    queue.on_chat(late);
    auto second = save(saved, queue, path);
    if (!second)
        second = save(saved, queue, path);
    if (!second || nlohmann::json::parse(*second) != queue.to_json())
        std::abort();
}

void journal_onto_a_queue(std::string_view bytes) {
    static const nlohmann::json file = [] {
        questions::QuestionQueue queue;
        for (int i = 1; i <= 3; ++i) {
            chat::ChatMessage m;
            m.platform = "twitch";
            m.id = "m" + std::to_string(i);
            m.author_id = m.login = m.name = "viewer" + std::to_string(i);
            m.text = "question number " + std::to_string(i * 7919) + "?";
            queue.on_chat(m);
        }
        questions::Change change;
        queue.approve(2, change);
        nlohmann::json doc = queue.to_json();
        doc["journal"] = 2;
        return doc;
    }();
    nlohmann::json doc = file;
    const questions::JournalReplay replay = questions::apply_journal(doc, bytes);
    if (replay.applied == 0 && doc != file)
        std::abort(); // changed by records it did not apply
    std::string error;
    questions::QuestionQueue queue;
    if (!queue.from_json(doc, error) && error.empty())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    journal_onto_a_queue(std::string_view(reinterpret_cast<const char*>(data), size));
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
        saves_through_an_edited_file(queue,
                                     std::string_view(reinterpret_cast<const char*>(data), size));
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
