"""Monthly reports (issue 7): 学籍变动月报 and 辍学情况月报, rebuilt for any past month from the history."""
