require "json"

class Question
  attr_reader :text, :votes

  def initialize(text, votes: 0)
    @text = text
    @votes = votes
  end

  def to_s = "#{text} (#{votes})"
end

puts Question.new("Why Ruby?", votes: 5).to_s if __FILE__ == $0
