using StoriBoard.Classification.Training;

return TrainingCommand.Run(args);
