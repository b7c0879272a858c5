#pragma once

#include "core/base/page_memory.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stagehand::core::questions {

class Question;
class QuestionQueue;

// The question queue's file (QuestionQueue::to_json()'s document, one question a line) as the
// saving worker writes it. In a flood a save changes a few lines among thousands, so only the
// new and changed questions are serialised; the others' lines are copied from the file the last
// save wrote, which already holds them, instead of being kept in memory a second time (a full
// queue's 10,000 lines are 3 MiB). What is kept per question is a row of 32 bytes: its id, a
// fingerprint of what its line says, where the line lies in that file and a hash of its bytes.
//
// - update() (the caller holds the queue's lock) compares the queue with the rows and
//   serialises what changed, into blocks of 64 KiB;
// - write() (no lock: only the saving worker touches this) hands the document out piece by
//   piece, reading the unchanged lines from the last file; each is checked against its hash,
//   so a file edited or replaced meanwhile is never copied from: write() then stops, returns
//   false, and the next update() serialises everything afresh;
// - written() says whether the document reached the disk under that file's name.
class SavedQueue {
public:
    static constexpr std::size_t kBlock = 64 * 1024;

    // `journal`: the sequence number of the last journal record (queue_journal.hpp) this file
    // takes the place of, written in its head; 0 without a journal.
    void update(const QuestionQueue& queue, std::uint64_t journal = 0);
    // `previous`: the file the last successful write made (read only when some line is kept).
    // `put` may be called with empty pieces.
    bool write(const std::filesystem::path& previous,
               const std::function<void(std::string_view)>& put);
    void written(bool ok);

    // Each question's id and the fingerprint of its line as the last update() saw it, by
    // ascending id: after a successful write, what the file on disk holds.
    template <typename Visit>
    void each_print(Visit&& visit) const {
        for (const Row& row : rows_)
            visit(row.id, row.fingerprint);
    }

    // Bytes held: the rows, the serialised lines waiting for the next write and the buffers.
    std::size_t memory() const;
    // Bytes serialised by the last update() (tests, the benchmark).
    std::size_t fresh_bytes() const { return serialised_; }
    // How many lines the last write() copied from the previous file (tests).
    std::size_t copied() const { return copied_; }

private:
    struct Row {
        int id = 0;
        std::uint32_t length = 0;
        std::uint64_t fingerprint = 0; // of what the line says
        std::uint64_t hash = 0;        // of the line's bytes
        std::uint64_t at = 0;          // where it starts: in the last file, or (kFresh) the blocks
    };
    static constexpr std::uint64_t kFresh = std::uint64_t{1} << 63;
    void append(std::string_view bytes);
    // Calls `put` with the pieces of [at, at + length) of the blocks (one per block it spans).
    void pieces(std::uint64_t at, std::uint64_t length,
                const std::function<void(std::string_view)>& put) const;

    // Whether update() can write the new table over rows_ as it reads them (see there).
    bool in_place(const std::deque<Question>& questions) const;

    std::vector<Row> rows_; // by ascending id
    std::string head_;      // everything before the first line
    // The lines update() serialised, in pages of their own: a flood's file written whole
    // serialises most of the queue at once, megabytes that must not stay in the saving thread's
    // arena once written (see page_memory.hpp).
    std::vector<PageBlock> blocks_;
    std::uint64_t stream_size_ = 0;
    std::vector<char> window_; // what write() last read of the previous file
    bool forget_ = false;      // the previous file did not hold what the rows say
    std::size_t copied_ = 0;
    std::size_t serialised_ = 0;
};

} // namespace stagehand::core::questions
