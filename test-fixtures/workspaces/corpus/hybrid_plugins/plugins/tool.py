print('a tool')
