package demo;

import java.util.List;

public class Greeter {
    private static final int COUNT = 3;

    @Override
    public String toString() {
        return "Greeter(" + COUNT + ")";
    }

    public static void main(String[] args) {
        List.of("a", "b").forEach(System.out::println);
    }
}
