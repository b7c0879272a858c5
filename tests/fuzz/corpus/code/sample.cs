using System;

namespace Demo;

public sealed class Greeter
{
    private readonly string _name = "world";

    public async Task<int> RunAsync(int count)
    {
        // Say hello a few times.
        for (var i = 0; i < count; i++)
            Console.WriteLine($"Hello, {_name} #{i}!");
        return await Task.FromResult(42);
    }
}
