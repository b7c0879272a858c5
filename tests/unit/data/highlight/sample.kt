package demo

data class Question(val text: String, val votes: Int = 0)

fun main() {
    val questions = listOf(Question("Why Kotlin?", 4), Question("And Java?"))
    val top = questions.maxByOrNull { it.votes }
    println("Top: ${top?.text ?: "none"}")
}
