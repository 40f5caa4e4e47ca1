print('frontend')
