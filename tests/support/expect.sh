# Shared by the shell tests of stagehand-cli (source it): expect NAME EXPECTED ACTUAL prints
# "ok   - NAME" or a FAIL with both values, and sets fail=1 on a mismatch.
fail=0
expect() {
    if [ "$2" != "$3" ]; then
        printf 'FAIL - %s\n  expected: %s\n  got:      %s\n' "$1" "$2" "$3"
        fail=1
    else
        echo "ok   - $1"
    fi
}
