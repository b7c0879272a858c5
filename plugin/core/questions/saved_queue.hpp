#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stagehand::core::questions {

class QuestionQueue;

// The question queue's file (QuestionQueue::to_json()'s document, one question a line) as the
// saving worker writes it, kept between saves so that a save in a flood serialises only the new
// and changed questions and never holds the file as one string:
// - update() brings the lines up to date with the queue (the caller holds the queue's lock);
// - write() hands the document out piece by piece (no lock needed: only the saving worker
//   touches this), straight into the file.
// The lines live one after another in a stream of fixed 64 KiB blocks: a changed question's new
// line goes at the end and its old one becomes a gap; when gaps pass a quarter of the stream,
// the lines are slid down over them in place and the blocks left empty are freed. So the memory
// held is at most about 1.25 times the lines themselves, in blocks of one size that the
// allocator reuses, where one contiguous string per save (rebuilt a little longer each time in
// a flood) left the saving thread's heap growing by megabytes a minute.
class SavedQueue {
public:
    static constexpr std::size_t kBlock = 64 * 1024;

    void update(const QuestionQueue& queue);
    // The document from the last update(), in order; `put` may be called with empty pieces.
    void write(const std::function<void(std::string_view)>& put) const;
    // The same as one string (tests, the benchmark's baseline).
    std::string text() const;

    // Bytes held: the blocks and the line table.
    std::size_t memory() const;
    // Bytes of the lines themselves, and of the gaps between them (tests).
    std::size_t live_bytes() const { return live_; }
    std::size_t gap_bytes() const { return stream_size_ - live_; }
    // How many times the gaps were closed (tests).
    std::size_t compactions() const { return compactions_; }

private:
    struct Line {
        int id = 0;
        std::uint32_t length = 0;
        std::uint64_t fingerprint = 0;
        std::uint64_t at = 0; // where the line starts in the stream
    };
    void append(std::string_view bytes);
    // Calls `put` with the pieces of [at, at + length) of the stream (one per block it spans).
    void pieces(std::uint64_t at, std::uint64_t length,
                const std::function<void(std::string_view)>& put) const;
    // Copies [from, from + length) to `to` <= from, block by block, front to back.
    void move_down(std::uint64_t from, std::uint64_t to, std::uint64_t length);
    void close_gaps();

    std::vector<std::unique_ptr<char[]>> blocks_;
    std::uint64_t stream_size_ = 0; // bytes used, lines and gaps
    std::uint64_t live_ = 0;
    std::vector<Line> lines_; // by ascending id
    std::vector<Line> spare_; // the next update's table, its capacity kept
    std::string head_;        // everything before the first line
    std::size_t compactions_ = 0;
};

} // namespace stagehand::core::questions
