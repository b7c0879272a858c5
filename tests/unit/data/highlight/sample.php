<?php
namespace Demo;

final class Question
{
    public function __construct(private string $text, private int $votes = 0) {}

    public function label(): string
    {
        return sprintf("%s (%d)", $this->text, $this->votes);
    }
}

echo (new Question("Why PHP?", 3))->label();
