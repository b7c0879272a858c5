from dataclasses import dataclass


@dataclass
class Question:
    text: str
    votes: int = 0

    def upvote(self) -> None:
        """Count one more vote."""
        self.votes += 1


if __name__ == "__main__":
    q = Question("Why tree-sitter?", votes=3)
    print(f"{q.text} has {q.votes} votes", None, True)
