#import <Foundation/Foundation.h>

@interface TaskView : NSObject
@property (nonatomic) int count;
@end
